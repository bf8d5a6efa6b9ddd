// libFuzzer target: the shared config and credentials files (`~/.aws/config`, `~/.aws/credentials`, INI).
@testable import Credentials

/// One input: an INI file. It is read as both files and merged into profiles; a `credential_process` command line
/// found in it is split into words. Nothing traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSharedConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let file = SharedConfigFile(parsing: text)
    let profiles = SharedProfiles(credentials: file, config: file)
    for (_, values) in profiles.profiles {
        if let command = values["credential_process"] { _ = CommandLineSplitter.split(command) }
    }
    _ = CommandLineSplitter.split(text)
    return 0
}
