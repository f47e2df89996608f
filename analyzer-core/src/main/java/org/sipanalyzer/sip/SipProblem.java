package org.sipanalyzer.sip;

/** Why a message that is recognisably SIP is counted as malformed. The message is still analysed. */
public enum SipProblem {
    /** The status code is not three digits from 100 to 699. */
    INVALID_STATUS_CODE("status code outside 100-699 or not a number"),
    /** A SIP version other than 2.0 (RFC 3261 servers answer 505). */
    UNSUPPORTED_VERSION("a SIP version other than 2.0"),
    /** A NUL or other control character in the request or status line. */
    CONTROL_CHARACTER("a NUL or other control character in the start line"),
    MISSING_CALL_ID("no Call-ID header"),
    MISSING_CSEQ("no CSeq header"),
    BAD_CSEQ("CSeq is not a number and a method"),
    CSEQ_METHOD_MISMATCH("CSeq method differs from the request method"),
    MISSING_FROM("no From header"),
    MISSING_TO("no To header"),
    MISSING_VIA("no Via header"),
    DUPLICATE_HEADER("a header or tag that may appear once appears twice (Call-ID, CSeq, From, To, Content-Length,"
            + " tag)"),
    BAD_CONTENT_LENGTH("Content-Length is not a number"),
    BODY_TRUNCATED("the body is shorter than Content-Length says"),
    NO_HEADER_END("the headers are not ended by an empty line"),
    BAD_HEADER_LINE("a header line without a colon");

    private final String description;

    SipProblem(String description) {
        this.description = description;
    }

    /** A short description for reports. */
    public String description() {
        return description;
    }
}
