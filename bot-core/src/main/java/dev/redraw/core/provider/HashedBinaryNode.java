package dev.redraw.core.provider;

import com.fasterxml.jackson.databind.node.BinaryNode;
import dev.redraw.core.net.Bodies;

/** A base64 field of an answer as its bytes, with their SHA-256 worked out while they were decoded. */
public final class HashedBinaryNode extends BinaryNode {

    private static final long serialVersionUID = 1L;

    private final String sha256;

    HashedBinaryNode(Bodies.Hashed decoded) {
        super(decoded.bytes());
        this.sha256 = decoded.sha256();
    }

    /** The lowercase hex SHA-256 of {@link #binaryValue()}. */
    public String sha256() {
        return sha256;
    }
}
