/// The wire protocol's version; a peer with another major version is refused.
public let protocolVersion = 1
