import Foundation
import SigV4
import Testing

/// The official AWS SigV4 suite (header signing) and botocore-signed CloudFront requests.
@Suite struct SigV4VectorTests {
    /// Guards the parameterised test below: a broken bundle must fail, not run zero cases.
    @Test func allFixtureCasesAreFound() {
        #expect(VectorCase.all.filter { !$0.isCloudFront }.count == 38)
        #expect(VectorCase.all.filter(\.isCloudFront).count == 5)
    }

    @Test(arguments: VectorCase.all)
    func signsLikeTheReference(_ vector: VectorCase) throws {
        let request = try vector.request()
        let (signer, time) = try vector.signerAndTime()
        let expected = try vector.expected()

        #expect(signer.canonicalRequest(for: request, at: time) == expected.canonicalRequest)
        #expect(signer.stringToSign(for: request, at: time) == expected.stringToSign)
        #expect(signer.authorization(for: request, at: time) == expected.authorization)
        if !vector.isCloudFront {
            #expect(signer.signature(for: request, at: time) == (try vector.text("header-signature.txt")))
        }

        let signed = signer.signed(request, at: time)
        #expect(signed.value(forHeader: "Authorization") == expected.authorization)
        #expect(signed.value(forHeader: "X-Amz-Date") == time.amzDate)
        #expect(signed.body == request.body)
        if !vector.isCloudFront {
            // Same header lines as the suite's signed request, in any order (names case-insensitive).
            let reference = try RequestFile.parse(Array(try vector.data("header-signed-request.txt")))
            #expect(normalized(signed.headers) == normalized(reference.headers))
            #expect(signed.path == reference.path && signed.query == reference.query)
        }
    }

    private func normalized(_ headers: [SigV4Header]) -> [String] {
        headers.map { "\($0.name.lowercased()):\($0.value)" }.sorted()
    }
}
