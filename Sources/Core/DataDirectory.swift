import Foundation

/// The array files of a regression data directory, each stored as `NAME.npy` or `NAME.csv`.
enum DataDirectory {
    /// The file stems, in the order they are read and written.
    static let design = "Z", labels = "y", truth = "x_star", testDesign = "Z_test", testLabels = "y_test"

    /// An array read from one file, with the file's path for error messages.
    struct Entry {
        let name: String
        let path: String
        let array: DenseArray
    }

    /// Reads `name` from `directory`, or returns nil when neither `name.npy` nor `name.csv` exists.
    static func read(_ name: String, in directory: String) throws(CoreError) -> Entry? {
        let npy = path(of: name, extension: "npy", in: directory)
        let csv = path(of: name, extension: "csv", in: directory)
        switch (exists(npy), exists(csv)) {
        case (true, true):
            throw .dataFile(path: directory, reason: "both \(name).npy and \(name).csv are present; keep exactly one")
        case (true, false):
            return Entry(name: name, path: npy, array: try NPYFile.read(path: npy))
        case (false, true):
            return Entry(name: name, path: csv, array: try CSVMatrix.read(path: csv))
        case (false, false):
            return nil
        }
    }

    /// The path of `name.ext` inside `directory`.
    static func path(of name: String, extension ext: String, in directory: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent("\(name).\(ext)").path
    }

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    /// Writes each of `arrays` as `NAME.npy` into `directory` (created when needed), removing a
    /// stale `NAME.npy` where the array is nil. Fails, writing nothing, when a `NAME.csv` of one of
    /// the names is present (the directory would be ambiguous).
    static func write(_ arrays: [(name: String, array: DenseArray?)], to directory: String) throws(CoreError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .dataFile(path: directory, reason: "cannot create the directory: \(error.localizedDescription)")
        }
        for (name, _) in arrays where exists(path(of: name, extension: "csv", in: directory)) {
            throw .dataFile(
                path: path(of: name, extension: "csv", in: directory),
                reason: "present where \(name).npy is to be written; remove it so the directory is not ambiguous"
            )
        }
        for (name, array) in arrays {
            let file = path(of: name, extension: "npy", in: directory)
            if let array {
                try NPYFile.write(array, to: file)
            } else if exists(file) {
                guard unlink(file) == 0 else {
                    throw .dataFile(path: file, reason: "cannot remove the stale file: \(String(cString: strerror(errno)))")
                }
            }
        }
    }
}

extension DataDirectory.Entry {
    /// The entry as an r × c matrix; `what` describes it in the error.
    func matrix(columns expected: Int? = nil, what: String) throws(CoreError) -> (rows: Int, columns: Int, values: [Double]) {
        guard array.shape.count == 2 else {
            throw .dataShape(path: path, reason: "\(name) must be a 2-D \(what), found shape \(array.shapeDescription)")
        }
        if let expected, array.shape[1] != expected {
            throw .dataShape(
                path: path,
                reason: "\(name) has \(array.shape[1]) columns but Z has \(expected); expected shape (\(array.shape[0]), \(expected))"
            )
        }
        return (array.shape[0], array.shape[1], array.values)
    }

    /// The entry as a vector of `length` entries, stored with shape (length,) or (length, 1).
    func vector(length: Int, matching source: String) throws(CoreError) -> [Double] {
        let shape = array.shape
        guard shape.count == 1 || shape[1] == 1 else {
            throw .dataShape(
                path: path,
                reason: "\(name) must be a vector of shape (\(length),) or (\(length), 1), found shape \(array.shapeDescription)"
            )
        }
        guard shape[0] == length else {
            throw .dataShape(
                path: path,
                reason: "\(name) has \(shape[0]) entries but \(source) is \(length); expected shape (\(length),) or (\(length), 1)"
            )
        }
        return array.values
    }
}
