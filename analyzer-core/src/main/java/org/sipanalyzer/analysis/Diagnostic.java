package org.sipanalyzer.analysis;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One warning about an input, typed: what kind of thing happened ({@link Kind}, a stable code for machines), where
 * it happened when that is one place (the frame, the byte offset in the decompressed capture, the flow), and the
 * line a person reads, which already says all of that ({@link #text()}). Counts of damage (so many frames cut
 * short) have no single place; then the location is empty.
 *
 * @param kind what happened
 * @param frame the frame concerned, numbered from 1; empty when no one frame is
 * @param byteOffset where in the (decompressed) input; empty when unknown
 * @param flow the packets' source and destination ({@code 10.0.0.1:5060 -> 10.0.0.2:5060}); empty when none
 * @param text the one-line warning as the reports show it
 */
public record Diagnostic(Kind kind, OptionalLong frame, OptionalLong byteOffset, Optional<String> flow,
        String text) implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** What happened; {@link #code()} is the stable name written in the JSON report. */
    public enum Kind {
        /** The capture's framing is damaged (a corrupt or cut record, a block that overruns). */
        DAMAGED_CAPTURE("damaged-capture"),
        /** The compressed data ends early. */
        TRUNCATED_GZIP("truncated-gzip"),
        /** Decompression stopped at {@code --max-decompressed-bytes}. */
        DECOMPRESSION_LIMIT("decompression-limit"),
        /** Reading failed part way (an I/O error); what came before was analysed. */
        READ_ERROR("read-error"),
        /** A text log's reader met something it could not use (a message cut off, skipped, damaged lines). */
        LOG("log"),
        /**
         * What a text log does not give, or gives twice (no times, no addresses, times without a date, messages
         * printed a second time and counted once): said, but nothing of the log is lost.
         */
        LOG_NOTE("log-note"),
        /** A frame could not be decoded, or its analysis failed. */
        UNDECODABLE_FRAME("undecodable-frame"),
        /** JAIN-SIP rejected a message under {@code --strict}. */
        STRICT_REJECTED("strict-rejected"),
        /** IP datagrams missed a fragment. */
        MISSING_FRAGMENTS("missing-fragments"),
        /** Bytes of TCP streams were never captured. */
        TCP_GAP("tcp-gap"),
        /** Messages over TCP were cut off by the end of their stream or of the input. */
        TCP_UNFINISHED("tcp-unfinished"),
        /** A reassembly limit was reached and something was dropped. */
        REASSEMBLY_LIMIT("reassembly-limit"),
        /** Encrypted (TLS) flows, not analysed. */
        ENCRYPTED_FLOWS("encrypted-flows"),
        /** HEP packets whose compressed payload could not be opened. */
        HEP_COMPRESSED("hep-compressed"),
        /** Pieces of SCTP messages that never made a whole message. */
        SCTP_UNFINISHED("sctp-unfinished"),
        /** Frames of a link type that is not decoded. */
        UNSUPPORTED_LINK("unsupported-link"),
        /** Frames cut short by the capture's snap length. */
        SNAP_LENGTH("snap-length"),
        /** The retransmission detector's table was full. */
        RETRANSMISSION_TABLE_FULL("retransmission-table-full"),
        /** Messages whose time goes back more than a second: a clock set back, or a file merged out of order. */
        TIME_BACKWARDS("time-backwards"),
        /** The analysis was stopped (a signal, a duration) before the input's end. */
        STOPPED("stopped"),
        /** A live source lost packets before the analysis saw them. */
        SOURCE_LOSSES("source-losses");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** Whether the input's figures may lack something because of it: every kind but a log's note. */
        public boolean isLoss() {
            return this != LOG_NOTE;
        }

        /** The stable name ({@code damaged-capture}, {@code tcp-gap}, ...). */
        public String code() {
            return code;
        }
    }

    public Diagnostic {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(frame);
        Objects.requireNonNull(byteOffset);
        Objects.requireNonNull(flow);
        Objects.requireNonNull(text);
    }

    /** A warning with no single place (a count of damage, a limit reached). */
    static Diagnostic of(Kind kind, String text) {
        return new Diagnostic(kind, OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), text);
    }

    /** A warning about one frame; {@code byteOffset} negative when unknown. */
    static Diagnostic atFrame(Kind kind, long frame, long byteOffset, String text) {
        return new Diagnostic(kind, frame > 0 ? OptionalLong.of(frame) : OptionalLong.empty(),
                byteOffset >= 0 ? OptionalLong.of(byteOffset) : OptionalLong.empty(), Optional.empty(), text);
    }

    /** This diagnostic, said of a flow. */
    Diagnostic onFlow(String flow) {
        return new Diagnostic(kind, frame, byteOffset, Optional.of(flow), text);
    }

    @Override
    public String toString() {
        return text;
    }

    /** Serialised as its plain values (the Optionals are not serialisable): -1 and null for empty. */
    private Object writeReplace() {
        return new Serial(kind, frame.orElse(-1), byteOffset.orElse(-1), flow.orElse(null), text);
    }

    private record Serial(Kind kind, long frame, long byteOffset, String flow, String text)
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        private Object readResolve() {
            Diagnostic d = atFrame(kind, frame, byteOffset, text);
            return flow == null ? d : d.onFlow(flow);
        }
    }
}
