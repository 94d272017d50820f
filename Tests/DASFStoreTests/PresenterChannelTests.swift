import DASFStore
import Foundation
import XCTest

/// Issue 10.3: the presenter's channel stays private and follows no planted link.
final class PresenterChannelTests: XCTestCase {
    var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "dasf-channel-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    func testAMessageIsPublishedReadAndWithdrawnAndBothSpellingsMeet() throws {
        let env = ["XDG_RUNTIME_DIR": directory!]
        let save = directory + "/a.dasf.json"
        XCTAssertTrue(FileManager.default.createFile(atPath: save, contents: Data("{}".utf8)))
        let channel = try XCTUnwrap(PresenterChannel(saveFile: save, environment: env))
        let other = try XCTUnwrap(PresenterChannel(saveFile: directory + "/./a.dasf.json", environment: env))
        XCTAssertEqual(channel.path, other.path)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/dasf")
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o700)
        try channel.publish(Data("hello".utf8))
        XCTAssertEqual(other.read(), Data("hello".utf8))
        channel.withdraw()
        XCTAssertNil(other.read())
        XCTAssertTrue(PresenterChannel.isRunning(getpid()))
    }

    func testAFolderThatIsNotPrivateOrIsALinkIsRefused() throws {
        let open = directory + "/open"
        try FileManager.default.createDirectory(atPath: open + "/dasf", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        XCTAssertNil(PresenterChannel(saveFile: "x.dasf.json", environment: ["XDG_RUNTIME_DIR": open]), "a folder others may read")
        let linked = directory + "/linked"
        try FileManager.default.createDirectory(atPath: linked, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/elsewhere", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.createSymbolicLink(atPath: linked + "/dasf", withDestinationPath: directory + "/elsewhere")
        XCTAssertNil(PresenterChannel(saveFile: "x.dasf.json", environment: ["XDG_RUNTIME_DIR": linked]), "a planted link to a folder")
    }

    func testALinkPlantedAtTheMessageIsNeitherReadNorWrittenThrough() throws {
        let env = ["XDG_RUNTIME_DIR": directory!]
        let channel = try XCTUnwrap(PresenterChannel(saveFile: directory + "/b.dasf.json", environment: env))
        let target = directory + "/victim.txt"
        try "keep me".write(toFile: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: channel.path, withDestinationPath: target)
        XCTAssertNil(channel.read(), "the link is not followed")
        try channel.publish(Data("message".utf8))
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "keep me")
        XCTAssertEqual(channel.read(), Data("message".utf8), "the link was replaced by the message")
    }
}
