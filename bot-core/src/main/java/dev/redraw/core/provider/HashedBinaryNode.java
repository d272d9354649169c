package dev.redraw.core.provider;

import com.fasterxml.jackson.databind.node.BinaryNode;
import dev.redraw.core.net.Bodies;

/** A base64 field of an answer as its bytes, with their SHA-256 worked out while they were decoded. */
public final class HashedBinaryNode extends BinaryNode {

    private static final long serialVersionUID = 1L;

    private final transient Bodies.Hashed hashed;

    HashedBinaryNode(Bodies.Hashed decoded) {
        super(decoded.bytes());
        this.hashed = decoded;
    }

    /** {@link #binaryValue()} (the same array) with its lowercase hex SHA-256. */
    public Bodies.Hashed hashed() {
        return hashed;
    }
}
