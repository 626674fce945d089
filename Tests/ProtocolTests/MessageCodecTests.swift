import Core
import Testing
import JSON
@testable import Wire


/// A config that differs from the defaults in every kind of field.
func sampleConfig() -> TrialConfig {
    var c = TrialConfig()
    c.problem = .noop
    c.data = "/data/run 1"
    c.samples = 60
    c.noise = 0.5
    c.dataSeed = 7
    c.parameterization = .hadamard
    c.depth = 3
    c.weightDecay = 1e-4
    c.schedule = .warmup(steps: 10, then: .cosine(end: nil))
    c.optimizer = .sgd
    c.batchSize = 8
    c.thresholds = [1e-3, 1e-6]
    return c
}

func sampleResult() -> TrialResult {
    TrialResult(
        status: .diverged, steps: 120, divergedAt: 119, wallSeconds: 0.25, x: [1.5, -2, 0],
        metrics: ["train_loss": 0.125, "nonzeros": 2],
        curves: [CurvePoint(step: 1, metrics: ["train_loss": 3]), CurvePoint(step: 100, metrics: ["train_loss": 0.5])])
}

let trialID = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

func decode(_ json: String) throws(WireError) -> Message {
    try MessageCodec.decode(Array(json.utf8))
}

@Suite struct MessageCodecTests {
    static let everyMessage: [Message] = [
        .hello(workerID: "w-1", version: 1, slots: 4, host: "node07", pid: 4242),
        .welcome(heartbeatInterval: 1.0, heartbeatLiveness: 5, runID: "run-2024"),
        .refuse(reason: "protocol version 2 is not supported"),
        .workRequest(credit: 3),
        .assignment(trialID: trialID, attempt: 2, seed: UInt64.max, work: .core(sampleConfig())),
        .progress(trialID: trialID, attempt: 1, step: 500, totalSteps: 1000, metrics: ["train_loss": 0.01, "l1": 4]),
        .result(trialID: trialID, attempt: 1, result: sampleResult()),
        .failure(trialID: trialID, attempt: 3, message: "invalid value '0' for field 'samples'"),
        .ack(trialID: trialID),
        .heartbeat,
        .holding(trialIDs: ["9f86d081884c7d65", "60303ae22b998861"]),
        .holding(trialIDs: []),
        .shutdown(reason: "no work left"),
        .bye(reason: "SIGTERM"),
    ]

    @Test("every message survives encode then decode", arguments: everyMessage)
    func roundTrip(_ message: Message) throws {
        #expect(try MessageCodec.decode(MessageCodec.encode(message)) == message)
    }

    @Test func everyTypeIsCovered() {
        #expect(Set(Self.everyMessage.map(\.type)) == Set(MessageType.allCases))
    }

    @Test func heartbeatIsTheMinimalEnvelope() {
        #expect(String(decoding: MessageCodec.encode(.heartbeat), as: UTF8.self) == #"{"v":1,"type":"heartbeat"}"#)
    }

    @Test func fieldsAreSnakeCase() {
        let json = String(decoding: MessageCodec.encode(.progress(trialID: "ab", attempt: 1, step: 2, totalSteps: 3, metrics: [:])), as: UTF8.self)
        #expect(json == #"{"v":1,"type":"progress","trial_id":"ab","attempt":1,"step":2,"total_steps":3,"metrics":{}}"#)
    }

    @Test func nonFiniteDoublesTravelAsStrings() throws {
        var result = sampleResult()
        result.x = [.nan, .infinity, -.infinity, 1]
        result.metrics = ["train_loss": .infinity]
        let bytes = MessageCodec.encode(.result(trialID: "ab", attempt: 1, result: result))
        let json = String(decoding: bytes, as: UTF8.self)
        #expect(json.contains(#""x":["nan","inf","-inf",1.0]"#))
        #expect(json.contains(#""train_loss":"inf""#))
        guard case let .result(_, _, back) = try MessageCodec.decode(bytes) else {
            Issue.record("not a result")
            return
        }
        #expect(back.x[0].isNaN)
        #expect(Array(back.x[1...]) == [.infinity, -.infinity, 1])
        #expect(back.metrics["train_loss"] == .infinity)
    }

    @Test func pythonsBareNonFiniteTokensAreAccepted() throws {
        let m = try decode(#"{"v":1,"type":"progress","trial_id":"ab","attempt":1,"step":1,"total_steps":2,"metrics":{"a":NaN,"b":Infinity,"c":-Infinity}}"#)
        guard case let .progress(_, _, _, _, metrics) = m else {
            Issue.record("not a progress")
            return
        }
        #expect(metrics["a"]?.isNaN == true)
        #expect(metrics["b"] == .infinity)
        #expect(metrics["c"] == -.infinity)
    }

    @Test func missingConfigFieldsTakeTheirDefaults() throws {
        let m = try decode(#"{"v":1,"type":"assignment","trial_id":"ab","attempt":1,"seed":5,"config":{"parameterization":"direct"}}"#)
        var expected = TrialConfig()
        expected.parameterization = .direct
        expected.depth = 1
        #expect(m == .assignment(trialID: "ab", attempt: 1, seed: 5, work: .core(expected)))
    }

    @Test func unknownFieldsAndWhitespaceAreAccepted() throws {
        let m = try decode(" {\"type\" : \"work_request\",\n \"credit\": 2, \"v\": 1, \"future\": [1, {\"x\": null}]}\t")
        #expect(m == .workRequest(credit: 2))
    }

    @Test func integralFloatsAreAcceptedAsIntegers() throws {
        #expect(try decode(#"{"v":1,"type":"work_request","credit":2.0}"#) == .workRequest(credit: 2))
    }

    @Test func stringsWithEscapesAndUnicodeRoundTrip() throws {
        let reason = "quote \" backslash \\ newline \n tab \t bell \u{07} é 𝔸 日本"
        let bytes = MessageCodec.encode(.bye(reason: reason))
        #expect(try MessageCodec.decode(bytes) == .bye(reason: reason))
        #expect(try decode(#"{"v":1,"type":"bye","reason":"\u00e9\ud835\udd38\/"}"#) == .bye(reason: "é𝔸/"))
    }
}

@Suite struct MessageCodecErrorTests {
    @Test func oversizeIsRefusedBeforeParsing() {
        let codec = MessageCodec(maxMessageSize: 10)
        #expect(throws: WireError.oversize(size: 26, limit: 10)) { try codec.decode(MessageCodec.encode(.heartbeat)) }
        #expect(throws: WireError.oversize(size: 11, limit: 10)) { try codec.decode(Array("not json!!!".utf8)) }
        #expect(MessageCodec.defaultMaxMessageSize == 16 * 1024 * 1024)
    }

    @Test func notJSON() {
        #expect(throws: WireError.malformedJSON(offset: 0, reason: "unexpected character 'h', expected a value")) {
            try decode("hello")
        }
        #expect(throws: WireError.malformedJSON(offset: 12, reason: "expected ',' or '}' in object")) {
            try decode(#"{"v":1,"x":2"#)
        }
        #expect(throws: WireError.malformedJSON(offset: 0, reason: "unexpected end of input, expected a value")) {
            try decode("")
        }
    }

    @Test func invalidUTF8IsNotJSON() {
        var bytes = Array(#"{"v":1,"type":"bye","reason":"x"}"#.utf8)
        bytes[30] = 0xFF
        #expect(throws: WireError.malformedJSON(offset: 29, reason: "invalid UTF-8 in string")) {
            try MessageCodec.decode(bytes)
        }
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: WireError.malformedJSON(offset: JSONParser.maxDepth, reason: "nesting deeper than 64 levels")) {
            try decode(deep)
        }
    }

    @Test func trailingGarbage() {
        #expect(throws: WireError.trailingGarbage(offset: 26)) { try decode(#"{"v":1,"type":"heartbeat"}x"#) }
        #expect(throws: WireError.trailingGarbage(offset: 27)) { try decode(#"{"v":1,"type":"heartbeat"} {}"#) }
    }

    @Test func notAnObject() {
        #expect(throws: WireError.notAnObject(found: "array")) { try decode("[1, 2]") }
        #expect(throws: WireError.notAnObject(found: "string")) { try decode(#""heartbeat""#) }
    }

    @Test func versionMismatch() {
        #expect(throws: WireError.unsupportedVersion(found: 2, supported: 1)) { try decode(#"{"v":2,"type":"heartbeat"}"#) }
        #expect(throws: WireError.missingField(messageType: nil, field: "v")) { try decode(#"{"type":"heartbeat"}"#) }
        #expect(throws: WireError.wrongFieldType(messageType: nil, field: "v", expected: "an integer, found string")) {
            try decode(#"{"v":"1","type":"heartbeat"}"#)
        }
    }

    @Test func unknownType() {
        #expect(throws: WireError.unknownType("gossip")) { try decode(#"{"v":1,"type":"gossip"}"#) }
        #expect(throws: WireError.missingField(messageType: nil, field: "type")) { try decode(#"{"v":1}"#) }
    }

    @Test func missingField() {
        #expect(throws: WireError.missingField(messageType: "ack", field: "trial_id")) { try decode(#"{"v":1,"type":"ack"}"#) }
        #expect(throws: WireError.missingField(messageType: "ack", field: "trial_id")) {
            try decode(#"{"v":1,"type":"ack","trial_id":null}"#)
        }
        #expect(throws: WireError.missingField(messageType: "result", field: "result.status")) {
            try decode(#"{"v":1,"type":"result","trial_id":"ab","attempt":1,"result":{"steps":0}}"#)
        }
    }

    @Test func mistypedField() {
        #expect(throws: WireError.wrongFieldType(messageType: "work_request", field: "credit", expected: "an integer, found string")) {
            try decode(#"{"v":1,"type":"work_request","credit":"3"}"#)
        }
        #expect(throws: WireError.wrongFieldType(messageType: "work_request", field: "credit", expected: "an integer, found number")) {
            try decode(#"{"v":1,"type":"work_request","credit":2.5}"#)
        }
        #expect(throws: WireError.wrongFieldType(messageType: "assignment", field: "config.thresholds[1]", expected: #"a number (or "nan", "inf", "-inf"), found boolean"#)) {
            try decode(#"{"v":1,"type":"assignment","trial_id":"ab","attempt":1,"seed":1,"config":{"thresholds":[0.1,true]}}"#)
        }
        #expect(throws: WireError.wrongFieldType(messageType: "progress", field: "metrics.loss", expected: #"a number (or "nan", "inf", "-inf"), found string"#)) {
            try decode(#"{"v":1,"type":"progress","trial_id":"ab","attempt":1,"step":1,"total_steps":1,"metrics":{"loss":"low"}}"#)
        }
    }

    @Test func outOfRangeAndInvalidValues() {
        #expect(throws: WireError.invalidValue(messageType: "assignment", field: "seed", reason: "the number is out of the range 0...18446744073709551615")) {
            try decode(#"{"v":1,"type":"assignment","trial_id":"ab","attempt":1,"seed":-1,"config":{}}"#)
        }
        #expect(throws: WireError.invalidValue(messageType: "hello", field: "pid", reason: "the number is out of the range -2147483648...2147483647")) {
            try decode(#"{"v":1,"type":"hello","worker_id":"w","version":1,"slots":1,"host":"h","pid":4294967296}"#)
        }
        for (config, field, fragment) in [
            (#"{"optimizer":"adam"}"#, "config.optimizer", "adam"),
            (#"{"schedule":"sometimes"}"#, "config.schedule", "unknown schedule 'sometimes'"),
        ] {
            #expect {
                try decode(#"{"v":1,"type":"assignment","trial_id":"ab","attempt":1,"seed":1,"config":"# + config + "}")
            } throws: { error in
                guard case let .invalidValue(type, invalid, reason) = error as? WireError else { return false }
                return type == "assignment" && invalid == field && reason.contains(fragment)
            }
        }
    }

    @Test func errorsDescribeThemselves() {
        #expect(WireError.missingField(messageType: "ack", field: "trial_id").description == "missing field 'trial_id' of message 'ack'")
        #expect(WireError.unknownType("gossip").description.hasPrefix("unknown message type 'gossip'; allowed: hello, welcome"))
        #expect(WireError.oversize(size: 20, limit: 10).description == "message of 20 bytes exceeds the limit of 10 bytes")
    }
}
