import Foundation
import SigV4

/// Reads the suite's `request.txt` (an HTTP/1.1 request as text) into a `SigV4Request`.
enum RequestFile {
    /// Parses `METHOD target [HTTP/1.1]`, header lines (folded lines joined with one space), a blank line, the body.
    /// An absolute-URL target (the CloudFront cases) yields a `Host` header when the file has none.
    static func parse(_ bytes: [UInt8]) throws -> SigV4Request {
        let (head, body) = split(bytes)
        var lines = String(decoding: head, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty, let space = lines[0].firstIndex(of: " ") else { throw ParseError("no request line") }
        let requestLine = lines.removeFirst()
        let method = String(requestLine[..<space])
        var target = requestLine[requestLine.index(after: space)...]
        if let version = target.range(of: " HTTP/", options: .backwards) { target = target[..<version.lowerBound] }

        var urlHost: String?
        for scheme in ["https://", "http://"] where target.hasPrefix(scheme) {
            target = target.dropFirst(scheme.count)
            let end = target.firstIndex { $0 == "/" || $0 == "?" } ?? target.endIndex
            urlHost = String(target[..<end])
            target = target[end...]
        }
        let question = target.firstIndex(of: "?")
        let path = String(target[..<(question ?? target.endIndex)])
        let query = question.map { String(target[target.index(after: $0)...]) } ?? ""

        var headers: [SigV4Header] = []
        for line in lines where !line.isEmpty {
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                headers.append(
                    SigV4Header(name: String(line[..<colon]), value: String(line[line.index(after: colon)...])))
            } else {
                throw ParseError("header line without a colon: \(line)")
            }
        }
        if let urlHost, !headers.contains(where: { $0.name.lowercased() == "host" }) {
            headers.insert(SigV4Header(name: "Host", value: urlHost), at: 0)
        }
        return SigV4Request(method: method, path: path.isEmpty ? "/" : path, query: query, headers: headers, body: body)
    }

    /// Splits at the first empty line; the body is every byte after it, untouched.
    private static func split(_ bytes: [UInt8]) -> (head: ArraySlice<UInt8>, body: [UInt8]) {
        let newline = UInt8(ascii: "\n")
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == newline, bytes[index + 1] == newline {
                return (bytes[..<index], Array(bytes[(index + 2)...]))
            }
            index += 1
        }
        var head = bytes[...]
        while head.last == newline { head = head.dropLast() }
        return (head, [])
    }

    /// A malformed fixture.
    struct ParseError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
