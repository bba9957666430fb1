import Testing
@testable import HearthPlugin

/// SHA-256 against the FIPS 180-4 examples and other known digests (checked with Python's
/// hashlib), across the padding boundaries (55, 56 and 64 bytes) where an implementation
/// usually goes wrong.
@Suite struct SHA256Tests {
    static let vectors: [(message: [UInt8], digest: String)] = [
        ([], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrslmnopqrstnopqrstu".utf8),
         "e100d0fe92230cebe0f8ae92a74f882402f7c2fc03ae724d703c7f6c8da99132"),
        (Array("The quick brown fox jumps over the lazy dog".utf8),
         "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"),
        ([UInt8](repeating: 0x61, count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        ([UInt8](repeating: 0x61, count: 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        ([UInt8](repeating: 0x61, count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        ([UInt8](repeating: 0x61, count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
    ]

    @Test(arguments: 0..<vectors.count)
    func theDigestIsTheKnownOne(_ index: Int) {
        let (message, digest) = Self.vectors[index]
        #expect(SHA256.hexDigest(message) == digest, "message of \(message.count) bytes")
        #expect(SHA256.hash(message).count == 32)
    }
}
