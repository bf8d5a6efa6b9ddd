import SigV4
import Testing

/// Civil-date formatting and parsing without Foundation.
@Suite struct SigningTimeTests {
    @Test(arguments: [
        (1_440_938_160, "20150830T123600Z"),
        (0, "19700101T000000Z"),
        (951_868_799, "20000229T235959Z"),
        (-1, "19691231T235959Z"),
        (4_102_444_800, "21000101T000000Z"),
    ])
    func formatsAndParses(seconds: Int, amzDate: String) {
        let time = SigningTime(secondsSince1970: seconds)
        #expect(time.amzDate == amzDate)
        #expect(time.dateStamp == String(amzDate.prefix(8)))
        #expect(SigningTime(amzDate) == time)
    }

    @Test func parsesTheExtendedForm() {
        #expect(SigningTime("2015-08-30T12:36:00Z") == SigningTime(secondsSince1970: 1_440_938_160))
    }

    @Test(arguments: [
        "", "20150830T123600", "20150230T000000Z", "2015-08-30 12:36:00Z", "20150830T246000Z", "2015083OT123600Z",
    ])
    func rejectsMalformedText(_ text: String) {
        #expect(SigningTime(text) == nil)
    }
}
