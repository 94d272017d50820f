import DASFEngine
import DASFStore
import Foundation

/// Where edits go when the save file itself cannot take them at the end of a session. Each place
/// is tried in turn and the first that works is said: the file (once more), a copy beside it,
/// the user's state folder ($XDG_STATE_HOME/dasf, else ~/.local/state/dasf), and last a path the
/// person types. Every copy is a whole save file with its journal.
enum UnsavedCopy {
    static func keep(_ assessment: Assessment, journal: [JournalEntry], of file: String,
                     ask: () -> String? = UnsavedCopy.askOnTerminal) -> String? {
        let name = PathName(file)?.name ?? "assessment.dasf.json"
        let copyName = "\(name).unsaved-\(stamp()).dasf.json"
        var places = [PathName.sibling(of: file, named: copyName)]
        if let state = stateDirectory() { places.append(state + "/" + copyName) }
        for place in places where write(assessment, journal: journal, to: place) { return place }
        while let answer = ask(), !answer.isEmpty {
            if write(assessment, journal: journal, to: answer) { return answer }
            Console.error("\(answer) could not be written either")
        }
        return nil
    }

    private static func write(_ assessment: Assessment, journal: [JournalEntry], to path: String) -> Bool {
        (try? SaveFile.create(path, assessment: assessment, journal: journal)) != nil
    }

    /// $XDG_STATE_HOME/dasf or ~/.local/state/dasf, created (0700) if need be.
    static func stateDirectory() -> String? {
        let environment = ProcessEnvironment.values
        let base: String
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = state
        } else if let home = environment["HOME"], !home.isEmpty {
            base = home + "/.local/state"
        } else {
            return nil
        }
        let directory = base + "/dasf"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            return nil
        }
        return directory
    }

    /// Asks on the terminal for a path; nil when there is nobody to ask.
    static func askOnTerminal() -> String? {
        guard isatty(STDIN_FILENO) != 0 else { return nil }
        FileHandle.standardError.write(Data("dasf: your edits could not be saved anywhere. Type a path to write them to (empty gives up): ".utf8))
        return readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces)
    }

    static func stamp() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date())
    }
}
