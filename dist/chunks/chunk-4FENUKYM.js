import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  __require
} from "./chunk-KVN67TDL.js";

// builtin:node:crypto
var m = __require("node:crypto");
var checkPrime = m.checkPrime;
var checkPrimeSync = m.checkPrimeSync;
var createCipheriv = m.createCipheriv;
var createDecipheriv = m.createDecipheriv;
var createDiffieHellman = m.createDiffieHellman;
var createDiffieHellmanGroup = m.createDiffieHellmanGroup;
var createECDH = m.createECDH;
var createHash = m.createHash;
var createHmac = m.createHmac;
var createPrivateKey = m.createPrivateKey;
var createPublicKey = m.createPublicKey;
var createSecretKey = m.createSecretKey;
var createSign = m.createSign;
var createVerify = m.createVerify;
var diffieHellman = m.diffieHellman;
var generatePrime = m.generatePrime;
var generatePrimeSync = m.generatePrimeSync;
var getCiphers = m.getCiphers;
var getCipherInfo = m.getCipherInfo;
var getCurves = m.getCurves;
var getDiffieHellman = m.getDiffieHellman;
var getHashes = m.getHashes;
var hkdf = m.hkdf;
var hkdfSync = m.hkdfSync;
var pbkdf2 = m.pbkdf2;
var pbkdf2Sync = m.pbkdf2Sync;
var generateKeyPair = m.generateKeyPair;
var generateKeyPairSync = m.generateKeyPairSync;
var generateKey = m.generateKey;
var generateKeySync = m.generateKeySync;
var privateDecrypt = m.privateDecrypt;
var privateEncrypt = m.privateEncrypt;
var publicDecrypt = m.publicDecrypt;
var publicEncrypt = m.publicEncrypt;
var randomBytes = m.randomBytes;
var randomFill = m.randomFill;
var randomFillSync = m.randomFillSync;
var randomInt = m.randomInt;
var randomUUID = m.randomUUID;
var scrypt = m.scrypt;
var scryptSync = m.scryptSync;
var sign = m.sign;
var setEngine = m.setEngine;
var timingSafeEqual = m.timingSafeEqual;
var getFips = m.getFips;
var setFips = m.setFips;
var verify = m.verify;
var hash = m.hash;
var Certificate = m.Certificate;
var Cipher = m.Cipher;
var Cipheriv = m.Cipheriv;
var Decipher = m.Decipher;
var Decipheriv = m.Decipheriv;
var DiffieHellman = m.DiffieHellman;
var DiffieHellmanGroup = m.DiffieHellmanGroup;
var ECDH = m.ECDH;
var Hash = m.Hash;
var Hmac = m.Hmac;
var KeyObject = m.KeyObject;
var Sign = m.Sign;
var Verify = m.Verify;
var X509Certificate = m.X509Certificate;
var secureHeapUsed = m.secureHeapUsed;
var createCipher = m.createCipher;
var createDecipher = m.createDecipher;
var constants = m.constants;

export {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes
};
//# sourceMappingURL=chunk-4FENUKYM.js.map
