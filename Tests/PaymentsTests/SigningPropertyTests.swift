import Foundation
import Payments
import SplitMix
import Testing

/// Properties over many random parameter sets: any change to a signed parameter, the amount above
/// all, breaks the hash; nothing else does.
@Suite("Payments: signing properties")
struct SigningPropertyTests {
    static let alphabet = Array("abcXYZ019 -_.:/?&=+%~éệđ'\"")

    static func text(_ random: inout SplitMix64, length: ClosedRange<Int> = 0...12) -> String {
        String((0..<Int.random(in: length, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
    }

    static func parameters(_ random: inout SplitMix64) -> [String: String] {
        var parameters = ["vnp_Amount": VNPayAmount.encode(vnd: Int.random(in: 1...50_000_000, using: &random)),
                          "vnp_TxnRef": "FO" + String(random.next() % 1_000_000)]
        for _ in 0..<Int.random(in: 1...10, using: &random) {
            parameters["vnp_" + text(&random, length: 1...8).filter { $0.isLetter }] = text(&random)
        }
        return parameters
    }

    @Test(arguments: 0..<200)
    func anyChangedParameterBreaksTheHash(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed))
        let signer = VNPaySigner(secret: "secret-\(seed)")
        let signed = signer.signed(Self.parameters(&random))
        #expect(signer.verify(signed))

        // Round trip through the query string the gateway sends.
        let reparsed = try #require(VNPayFormEncoding.parameters(signer.signedQuery(signed)))
        #expect(signer.verify(reparsed))

        let names = signed.keys.filter { $0 != VNPaySigner.hashField }.sorted()
        let name = names.randomElement(using: &random)!
        var altered = signed
        var replacement = Self.text(&random, length: 0...12)
        if replacement == signed[name] { replacement += "x" }
        altered[name] = replacement
        #expect(!signer.verify(altered), "changing \(name) must break the hash")

        var removed = signed
        removed.removeValue(forKey: name)
        #expect(!signer.verify(removed), "dropping \(name) must break the hash")

        var added = signed
        added["vnp_Injected"] = "1"
        #expect(!signer.verify(added), "adding a vnp_ parameter must break the hash")
    }

    @Test(arguments: 0..<200)
    func anyOtherAmountBreaksTheHash(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &+ 10_000)
        let signer = VNPaySigner(secret: "amount-secret")
        let signed = signer.signed(Self.parameters(&random))
        let amount = VNPayAmount.decode(signed["vnp_Amount"]!)!
        var altered = signed
        let delta = Int.random(in: 1...1_000_000, using: &random) * (Bool.random(using: &random) ? 1 : -1)
        altered["vnp_Amount"] = VNPayAmount.encode(vnd: max(1, amount + delta) == amount ? amount + 1 : max(1, amount + delta))
        #expect(!signer.verify(altered))
    }

    @Test(arguments: 0..<100)
    func aForgedHashIsRejected(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &+ 20_000)
        let signer = VNPaySigner(secret: "the-merchants-secret")
        var forged = Self.parameters(&random)
        forged[VNPaySigner.hashField] = VNPaySigner(secret: "a-guess-\(seed)").signature(of: forged)
        #expect(!signer.verify(forged))
    }
}
