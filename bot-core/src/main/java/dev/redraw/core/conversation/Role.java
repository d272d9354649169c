package dev.redraw.core.conversation;

/** Who spoke a turn: the person asking, or the image model answering. */
public enum Role {
    USER,
    MODEL
}
