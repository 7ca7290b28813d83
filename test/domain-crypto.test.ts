import fc from 'fast-check';
import {
  FieldCryptoError,
  fromBase64,
  maskAddress,
  maskIdNumber,
  maskMobile,
  openField,
  placeData,
  sealField,
  toBase64,
  utf8Decode,
  utf8Encode,
} from '../src/domain/crypto';

const KEY = Uint8Array.from({ length: 32 }, (_, i) => i * 7 + 1);
const OTHER_KEY = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
const NONCE = Uint8Array.from({ length: 12 }, (_, i) => i + 100);

const seal = (text: string, nonce = NONCE) => sealField(utf8Encode(text), KEY, nonce);
const open = (sealed: Uint8Array, key = KEY) => utf8Decode(openField(sealed, key));

describe('sealField / openField', () => {
  test('round trip of Chinese text and emoji, stored as nonce ‖ ciphertext ‖ tag', () => {
    const address = '北京市朝阳区建国路88号 🏠 👨‍👩‍👧 Ａ座';
    const sealed = seal(address);
    expect(open(sealed)).toBe(address);
    expect(Array.from(sealed.subarray(0, 12))).toEqual(Array.from(NONCE));
    expect(sealed.length).toBe(12 + utf8Encode(address).length + 16);
    expect(utf8Decode(sealed)).not.toContain('北京');
  });

  test('is AES-256-GCM-SIV as specified (RFC 8452, appendix C.2 vectors)', () => {
    const key = new Uint8Array(32);
    key[0] = 1;
    const nonce = new Uint8Array(12);
    nonce[0] = 3;
    const hex = (b: Uint8Array) => Buffer.from(b.subarray(12)).toString('hex');
    expect(hex(sealField(new Uint8Array(0), key, nonce))).toBe('07f5f4169bbf55a8400cd47ea6fd400f');
    expect(hex(sealField(Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0), key, nonce))).toBe('c2ef328e5c71c83b843122130f7364b761e0b97427e3df28');
  });

  test('round trip of any text with any nonce', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.uint8Array({ minLength: 12, maxLength: 12 }), (text, nonce) => {
        expect(open(seal(text, nonce))).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  test('different nonces give different ciphertexts of the same value', () => {
    const other = NONCE.slice();
    other[0] ^= 1;
    expect(toBase64(seal('13800138000', other))).not.toBe(toBase64(seal('13800138000')));
  });

  test('any change to the sealed bytes is detected', () => {
    const sealed = seal('11010519491231002X');
    fc.assert(
      fc.property(fc.nat(sealed.length - 1), fc.integer({ min: 0, max: 7 }), (index, bit) => {
        const tampered = sealed.slice();
        tampered[index] ^= 1 << bit;
        expect(() => openField(tampered, KEY)).toThrow(FieldCryptoError);
      }),
    );
  });

  test('a wrong key or truncated data is refused with a clear error', () => {
    const sealed = seal('联系地址');
    expect(() => openField(sealed, OTHER_KEY)).toThrow(/wrong key, another place or tampered/);
    expect(() => openField(sealed.subarray(0, 20), KEY)).toThrow(FieldCryptoError);
    expect(() => openField(sealed.subarray(0, sealed.length - 1), KEY)).toThrow(FieldCryptoError);
  });

  test('a field bound to its place opens only there: another row, another field or none is refused', () => {
    const here = placeData(['客户', 'C20261123001', 'address']);
    const sealed = sealField(utf8Encode('北京市海淀区中关村大街1号'), KEY, NONCE, here);
    expect(utf8Decode(openField(sealed, KEY, placeData(['客户', 'C20261123001', 'address'])))).toBe('北京市海淀区中关村大街1号');
    expect(() => openField(sealed, KEY, placeData(['客户', 'C20261123002', 'address']))).toThrow(FieldCryptoError);
    expect(() => openField(sealed, KEY, placeData(['客户', 'C20261123001', 'id_number']))).toThrow(FieldCryptoError);
    expect(() => openField(sealed, KEY)).toThrow(FieldCryptoError);
    // And an unbound field (as the first version sealed them) does not open as if it were bound anywhere.
    expect(() => openField(seal('北京'), KEY, here)).toThrow(FieldCryptoError);
  });

  test('a bound field detects any change to its bytes', () => {
    const here = placeData(['待审核', 'form:abc', 'id_number']);
    const sealed = sealField(utf8Encode('11010519491231002X'), KEY, NONCE, here);
    fc.assert(
      fc.property(fc.nat(sealed.length - 1), fc.integer({ min: 0, max: 7 }), (index, bit) => {
        const tampered = sealed.slice();
        tampered[index] ^= 1 << bit;
        expect(() => openField(tampered, KEY, here)).toThrow(FieldCryptoError);
      }),
    );
  });

  test('places are told apart whatever their parts hold', () => {
    const distinct = [['a', 'bc'], ['ab', 'c'], ['a', '', 'bc'], ['a\0b', 'c'], ['1:a', ''], ['1:a1:'], []];
    const bytes = distinct.map((p) => Array.from(placeData(p)).join(','));
    expect(new Set(bytes).size).toBe(distinct.length);
  });

  test('keys and nonces of the wrong size are refused', () => {
    expect(() => sealField(utf8Encode('x'), KEY.subarray(0, 16), NONCE)).toThrow(RangeError);
    expect(() => sealField(utf8Encode('x'), KEY, NONCE.subarray(0, 8))).toThrow(RangeError);
    expect(() => openField(seal('x'), KEY.subarray(0, 31))).toThrow(RangeError);
  });
});

describe('masks', () => {
  test('id number, mobile and address', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskMobile('13800138000')).toBe('138****8000');
    expect(maskAddress('北京市朝阳区建国路88号')).toBe('北京市朝阳区****');
    expect(maskAddress('上海浦东🏠新区张江路1号')).toBe('上海浦东🏠新****');
  });

  test('short or empty values never show more than they hide', () => {
    expect(maskMobile('1234567')).toBe('*******');
    expect(maskIdNumber('')).toBe('');
    expect(maskAddress('')).toBe('');
    expect(maskAddress('杭州西湖')).toBe('杭州****');
  });
});

describe('UTF-8 and Base64 without TextEncoder', () => {
  const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u));

  test('utf8Encode matches TextEncoder, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(anyUnit, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }), (s) => {
        expect(Array.from(utf8Encode(s))).toEqual(Array.from(new TextEncoder().encode(s)));
      }),
    );
  });

  test('utf8Decode matches TextDecoder on any bytes, malformed ones included', () => {
    const byteArb = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0x80, max: 0xbf }), fc.constantFrom(0xe0, 0xed, 0xf0, 0xf4, 0xc2));
    fc.assert(
      fc.property(fc.array(byteArb, { maxLength: 40 }), (bytes) => {
        const u8 = Uint8Array.from(bytes);
        expect(utf8Decode(u8)).toBe(new TextDecoder().decode(u8));
      }),
      { numRuns: 2000 },
    );
    const long = '客户'.repeat(20_000);
    expect(utf8Decode(utf8Encode(long))).toBe(long);
  });

  test('Base64 matches the standard encoding and reads it back, padded or not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const encoded = toBase64(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
        expect(Array.from(fromBase64(encoded))).toEqual(Array.from(bytes));
        expect(Array.from(fromBase64(encoded.replace(/=+$/, '')))).toEqual(Array.from(bytes));
      }),
    );
  });

  test('malformed Base64 is refused', () => {
    for (const bad of ['A', 'AB=', 'ABC*', 'AB CD', 'ABCDE', '====']) expect(() => fromBase64(bad)).toThrow(RangeError);
  });
});
