// The few parts of autocannon's programmatic API the load helper uses.
declare module 'autocannon' {
  interface Result {
    requests: { total: number };
    errors: number;
    timeouts: number;
    non2xx: number;
    latency: { p99: number; p50: number };
  }
  interface Instance {
    stop(): void;
  }
  function autocannon(
    options: Record<string, unknown>,
    done: (error: Error | null, result: Result) => void,
  ): Instance;
  export default autocannon;
}
