import Foundation

/// CURVE key files: `#` comment lines, then one line holding a 40-character Z85 key.
///
/// `NAME.secret` holds a secret key and must not be readable by group or others (mode 0600);
/// `NAME.public` holds the matching public key. An allow-list is a directory of `*.public` files.
public enum CurveKeyFile {
    /// Which key a file holds.
    public enum Kind: String, Sendable, CaseIterable {
        /// A public key, in `NAME.public`.
        case `public`
        /// A secret key, in `NAME.secret`.
        case secret

        /// The file name extension, also the word in the comment line.
        public var fileExtension: String { rawValue }

        /// The permission bits a new file of this kind gets.
        public var mode: mode_t { self == .secret ? 0o600 : 0o644 }
    }

    /// The text of a key file: a comment line naming the key and its kind, then the key.
    public static func text(key: String, kind: Kind, name: String) -> String {
        switch kind {
        case .public:
            return "# MirrorSweep CURVE public key '\(name)' (Z85). Safe to share.\n\(key)\n"
        case .secret:
            return "# MirrorSweep CURVE secret key '\(name)' (Z85). Keep it private (mode 0600).\n\(key)\n"
        }
    }

    /// Creates `path` holding `key`, with the kind's mode; fails when the file already exists.
    public static func write(key: String, kind: Kind, name: String, to path: String) throws(ZMQError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kind.mode)
        guard fd >= 0 else {
            let e = errno
            throw .keyFile(path: path, reason: e == EEXIST
                ? "already exists; keys are never overwritten (remove it first to replace it)"
                : "cannot create: \(String(cString: strerror(e)))")
        }
        defer { close(fd) }
        let bytes = Array(text(key: key, kind: kind, name: name).utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fchmod(fd, kind.mode) == 0 else {
            let e = errno
            unlink(path)
            throw .keyFile(path: path, reason: "cannot write: \(String(cString: strerror(e)))")
        }
    }

    /// The key in the file at `path`. A secret key file readable by group or others is refused.
    public static func read(_ path: String, kind: Kind) throws(ZMQError) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .keyFile(path: path, reason: "cannot read: \(String(cString: strerror(errno)))")
        }
        if kind == .secret && info.st_mode & 0o077 != 0 {
            let mode = String(info.st_mode & 0o7777, radix: 8)
            throw .keyFile(path: path, reason:
                "permissions 0\(mode) are too open for a secret key; allowed: readable by its owner only (chmod 600 \(path))")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .keyFile(path: path, reason: "cannot read the file")
        }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard lines.count == 1, let key = lines.first, CurveKeyPair.isValidKey(key) else {
            throw .keyFile(path: path, reason: "expected one line holding a 40-character Z85 \(kind.rawValue) key after '#' comment lines")
        }
        return key
    }

    /// The key pair of the secret key file at `path`, its public key derived from the secret one.
    public static func readKeyPair(_ path: String) throws(ZMQError) -> CurveKeyPair {
        let secret = try read(path, kind: .secret)
        return try CurveKeyPair(secretKey: secret)
    }

    /// The public keys of every `*.public` file in `directory`, each mapped to its file's name
    /// without the extension. Fails when a file is not a key or when there is none.
    public static func allowList(directory: String) throws(ZMQError) -> [String: String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .keyFile(path: directory, reason: "cannot list the allow-list directory: \(error.localizedDescription)")
        }
        var keys: [String: String] = [:]
        let suffix = "." + Kind.public.fileExtension
        for name in names.sorted() where name.hasSuffix(suffix) && !name.hasPrefix(".") {
            let key = try read((directory as NSString).appendingPathComponent(name), kind: .public)
            if keys[key] == nil { keys[key] = String(name.dropLast(suffix.count)) }
        }
        guard !keys.isEmpty else {
            throw .keyFile(path: directory, reason: "the allow-list directory holds no *.public key files; copy each worker's NAME.public there")
        }
        return keys
    }
}
