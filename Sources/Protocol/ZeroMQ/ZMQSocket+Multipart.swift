import CZeroMQ
import Foundation

extension ZMQSocket {
    /// Sends `frames` as one multipart message (atomically: all frames or none reach the peer).
    ///
    /// On a ROUTER the first frame is the destination's routing id. Returns false when the message
    /// could not be queued without blocking (`EAGAIN`: `dontWait`, a full high-water mark, or the
    /// send timeout); throws on any other failure, e.g. `EHOSTUNREACH` for an unknown peer of a
    /// ROUTER with `routerMandatory`.
    @discardableResult
    public func send(_ frames: [[UInt8]], dontWait: Bool = false) throws(ZMQError) -> Bool {
        try send(count: frames.count, dontWait: dontWait) { i, h, flags in
            frames[i].withUnsafeBytes { zmq_send(h, $0.baseAddress, $0.count, flags) }
        }
    }

    /// Sends `frames` as one multipart message; see `send(_:dontWait:)` for `[[UInt8]]`.
    @discardableResult
    public func send(_ frames: [Data], dontWait: Bool = false) throws(ZMQError) -> Bool {
        try send(count: frames.count, dontWait: dontWait) { i, h, flags in
            frames[i].withUnsafeBytes { zmq_send(h, $0.baseAddress, $0.count, flags) }
        }
    }

    private func send(
        count: Int, dontWait: Bool, frame: (Int, UnsafeMutableRawPointer, Int32) -> Int32
    ) throws(ZMQError) -> Bool {
        let h = try open("send")
        guard count > 0 else { throw .zmqFailure("send of a message without frames", errno: EINVAL) }
        let base: Int32 = dontWait ? ZMQ_DONTWAIT : 0
        for i in 0..<count {
            let flags = i < count - 1 ? base | ZMQ_SNDMORE : base
            while frame(i, h, flags) < 0 {
                let e = zmq_errno()
                if e == EINTR { continue }
                // Only the first frame can fail with EAGAIN: later frames of a started message are always queued.
                if e == EAGAIN && i == 0 { return false }
                throw .zmqFailure("send frame \(i + 1) of \(count)", errno: e)
            }
        }
        return true
    }

    /// Receives one multipart message: blocks until one arrives (or until the `receiveTimeout`
    /// option expires), or returns at once with `dontWait`. Returns nil on `EAGAIN` (nothing to
    /// receive in time) and on `EINTR` (a signal arrived: the caller re-checks its state).
    public func receive(dontWait: Bool = false) throws(ZMQError) -> [[UInt8]]? {
        let h = try open("receive")
        var frames: [[UInt8]] = []
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        defer { zmq_msg_close(&message) }
        var flags: Int32 = dontWait ? ZMQ_DONTWAIT : 0
        repeat {
            if zmq_msg_recv(&message, h, flags) < 0 {
                let e = zmq_errno()
                if frames.isEmpty && (e == EAGAIN || e == EINTR) { return nil }
                if e == EINTR { continue }
                throw .zmqFailure("receive frame \(frames.count + 1)", errno: e)
            }
            let size = zmq_msg_size(&message)
            let data = zmq_msg_data(&message)
            frames.append(size == 0 ? [] : Array(UnsafeRawBufferPointer(start: data, count: size)))
            // The rest of a multipart message has arrived together with its first frame.
            flags = 0
        } while zmq_msg_more(&message) == 1
        return frames
    }

    /// Receives one multipart message, waiting at most `timeoutMilliseconds` (-1 forever);
    /// nil if none arrived in time.
    public func receive(timeoutMilliseconds: Int) throws(ZMQError) -> [[UInt8]]? {
        let poller = ZMQPoller(sockets: [self])
        guard try !poller.poll(timeoutMilliseconds: timeoutMilliseconds).isEmpty else { return nil }
        return try receive(dontWait: true)
    }
}
