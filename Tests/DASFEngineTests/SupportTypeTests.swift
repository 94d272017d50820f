import DASFEngine
import Testing

/// Written with Swift Testing (the rest use XCTest), so both runners report real tests.
@Suite struct SHA256Tests {
    /// FIPS 180-4 examples and the padding boundaries (55, 56 and 64 bytes).
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (String(repeating: "a", count: 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
    ])
    func knownDigest(input: String, expected: String) {
        #expect(SHA256.hex(of: Array(input.utf8)) == expected)
    }

    @Test func prefixedForm() {
        #expect(SHA256.prefixedHex(of: Array("abc".utf8)).hasPrefix("sha256:ba7816bf"))
    }
}

@Suite struct IDOrderTests {
    @Test func riskIdsInNaturalOrder() {
        #expect(IDOrder.sorted(["1.10", "1.2", "10.1", "9.13", "1.1", "2.1"]) == ["1.1", "1.2", "1.10", "2.1", "9.13", "10.1"])
    }

    @Test func controlIdsInNaturalOrder() {
        #expect(IDOrder.sorted(["DASF 10", "DASF 9", "DASF 1", "DASF 64"]) == ["DASF 1", "DASF 9", "DASF 10", "DASF 64"])
    }

    @Test func textAndEqualIds() {
        #expect(IDOrder.sorted(["b", "a", "a1", "a"]) == ["a", "a", "a1", "b"])
        #expect(!IDOrder.areInIncreasingOrder("1.1", "1.1"))
    }
}
