package org.sipanalyzer.calls;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.sipanalyzer.analysis.SipEvent;
import org.sipanalyzer.analysis.Tap;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.scan.NameAddr;
import org.sipanalyzer.scan.Reason;
import org.sipanalyzer.sip.SipMessage;

/**
 * Follows INVITE dialogs to one outcome each, and REGISTER attempts and other transactions to theirs.
 * A 401/407 challenge answered by a new INVITE in the same Call-ID stays one call, judged by its last final
 * response; a re-INVITE inside an answered dialog is not a call; retransmissions change nothing; of forked
 * answers, a 2xx wins. Finished calls are folded into {@link CallStatistics} (and handed to an optional
 * consumer) after a linger, and freed; open calls time out in capture time, per input. Calls are judged in the order
 * of their deadlines (the capture time their state fell due), then of their Call-IDs, which {@link CallShards} keeps
 * when it spreads calls over threads.
 */
public final class CallTracker implements Tap<CallStatistics> {

    /** Forks told apart per call; a proxy forking wider is counted as this many dialogs. */
    static final int MAX_DIALOGS = 16;

    /**
     * Where a judged call goes: into the statistics and the sink (a tracker of every call), or back to the
     * {@link CallShards} that merges the calls of several trackers into that order.
     */
    interface Judged {
        /**
         * A call is judged, and counted in every figure but the tables of failing hosts
         * ({@link CallStatistics#addCounts}). Calls come in the order of {@code due}: every call judged later is due
         * no earlier, and calls due at the same time come in the order of their Call-IDs (but for a call closed early).
         * A call is due at its deadline (the capture time its state fell due), or, closed early by the bound on open
         * calls, at the clock then (no earlier than any call judged before it: those fell due before the clock).
         */
        void call(Call call, long due);
    }

    private final CallOptions options;
    private final CallStatistics stats;
    private final Judged judged;
    /** Whether the transactions other than INVITE and REGISTER are counted here, or by the caller. */
    private final boolean countsTransactions;
    private final Map<Integer, InputState> inputs = new HashMap<>();

    public CallTracker(CallOptions options, Consumer<Call> sink) {
        this(options, stats -> (call, deadline) -> {
            stats.addHosts(call);
            sink.accept(call);
        }, true);
    }

    /**
     * A shard of a {@link CallShards}: its judged calls go to {@code judged}, to be added to the tables of failing
     * hosts in order, and it does not count transactions (the dispatcher does, in capture order); its statistics hold
     * the rest.
     */
    static CallTracker shard(CallOptions options, Judged judged) {
        return new CallTracker(options, stats -> judged, false);
    }

    /** {@code judged} is made from the tracker's own statistics, which a public tracker adds failing hosts to. */
    private CallTracker(CallOptions options, Function<CallStatistics, Judged> judged, boolean countsTransactions) {
        this.options = options;
        this.stats = new CallStatistics(options.kpis());
        this.countsTransactions = countsTransactions;
        this.judged = judged.apply(stats);
    }

    public CallTracker(CallOptions options) {
        this(options, c -> { });
    }

    @Override
    public String name() {
        return "calls";
    }

    /** The statistics of the calls judged so far, live: they change as calls end. */
    public CallStatistics statistics() {
        return stats;
    }

    @Override
    public void publish(org.sipanalyzer.analysis.MetricRegistry metrics) {
        stats.publish(metrics);
    }

    /** The statistics of the calls judged so far (open calls are not, until they end), as a copy. */
    @Override
    public CallStatistics snapshot() {
        return stats.copy();
    }

    /** Entries in the time-out queues (stale ones included): what holds calls in memory besides the tables. */
    int queued() {
        return inputs.values().stream().mapToInt(s -> s.due.size()).sum();
    }

    /** Calls (and registrations) followed at this moment. */
    public int openCalls() {
        return inputs.values().stream().mapToInt(s -> s.calls.size()).sum();
    }

    /** The input of the last event: events come an input at a time, so its state is found without a lookup. */
    private InputState last;

    @Override
    public void onEvent(SipEvent e) {
        if (countsTransactions) {
            countTransaction(e, stats);
        }
        state(e.input()).onEvent(e, e.timestampNanos());
    }

    /**
     * An event, with the capture time of the whole input so far ({@code clock}, at least the event's own): a shard
     * sees only some of an input's messages, and keeps the clock one tracker of all of them would have.
     */
    void onEvent(SipEvent e, long clock) {
        state(e.input()).onEvent(e, clock);
    }

    /** The input's capture time has reached {@code clock}: what fell due before it is judged. */
    void advance(int input, long clock) {
        InputState s = inputs.get(input);
        if (s != null) {
            s.now = Math.max(s.now, clock);
            s.expire();
        }
    }

    private InputState state(int input) {
        InputState s = last;
        if (s == null || s.input != input) {
            s = inputs.computeIfAbsent(input, k -> new InputState(k));
            last = s;
        }
        return s;
    }

    /**
     * Counts {@code e} among the transactions other than INVITE and REGISTER (requests by method, final responses by
     * method and code; retransmissions not), which depend on no call's state: in capture order, on one thread, so
     * that the bounded table of methods keeps the same entries however calls are spread over threads.
     */
    static void countTransaction(SipEvent e, CallStatistics stats) {
        SipMessage m = e.message();
        String method = m.cseqMethod();
        if (m.callId() == null || method == null || e.retransmission()) {
            return;
        }
        if (m instanceof SipMessage.Request q) {
            String requested = q.method();
            switch (requested) {
                case "INVITE", "CANCEL", "ACK", "REGISTER" -> {
                    // calls and registrations have outcomes of their own
                }
                default -> stats.transaction(requested);
            }
        } else if (m instanceof SipMessage.Response r && r.statusCode() >= 200) {
            switch (method) {
                case "INVITE", "CANCEL", "ACK", "REGISTER" -> {
                    // CANCEL's own 200 says nothing of the call; the INVITE's 487 does
                }
                default -> stats.transactionFinal(method, r.statusCode());
            }
        }
    }

    /** At the end of an input: its open calls are judged as they stand, and its state is freed. */
    @Override
    public void onInputEnd(int input) {
        InputState s = inputs.remove(input);
        if (s == last) {
            last = null;
        }
        if (s != null) {
            s.finishAll();
        }
    }

    /** At the end of the analysis: every open call is judged as it stands. */
    @Override
    public void finish() {
        for (int input : new java.util.TreeSet<>(inputs.keySet())) { // in input order, as CallShards ends them
            inputs.get(input).finishAll();
        }
        inputs.clear();
        last = null;
    }

    private static final class OpenCall {
        final String callId;
        final long start;
        final String from;
        final String to;
        final Endpoint caller;
        final Endpoint callee;
        int inviteCseq;
        long lastInvite;
        int invites;
        boolean challenged;
        boolean cancelled;
        int finalCode;
        String finalReason = "";
        String reasonHeader;
        String warning;
        String retryAfter;
        Endpoint answeredBy;
        String agent;
        long pdd = -1;
        long setupTime = -1;
        long answeredAt = -1;
        long byeAt = -1;
        int byeCseq = -1;
        boolean byeCompleted;
        int reInvites;
        /** Hashes of the distinct To tags in responses to the deciding INVITE: one per (early) dialog. */
        final int[] toTags = new int[MAX_DIALOGS];
        int dialogs;
        long deadline;
        /** The earliest deadline this call has in the queue; MAX_VALUE when none. */
        long queued = Long.MAX_VALUE;
        boolean closed;
        /** Some message of the call had no time (a log without times): no delay is measured. */
        boolean untimed;

        OpenCall(SipEvent e) {
            SipMessage m = e.message();
            callId = m.callId();
            start = e.timestampNanos();
            from = m.from();
            to = stripTag(m.to());
            caller = e.source();
            callee = e.destination();
            inviteCseq = (int) m.cseqNumber();
            lastInvite = e.timestampNanos();
            invites = 1;
            untimed = !e.timed();
        }

        boolean isChallenge() {
            return finalCode == 401 || finalCode == 407;
        }

        boolean answered() {
            return answeredAt >= 0;
        }

        /** Counts the dialog a response's To tag names, once; forks beyond {@link #MAX_DIALOGS} are not told apart. */
        void dialog(String toTag) {
            if (toTag == null || toTag.isEmpty() || dialogs == MAX_DIALOGS) {
                return;
            }
            int h = toTag.hashCode();
            for (int i = 0; i < dialogs; i++) {
                if (toTags[i] == h) {
                    return;
                }
            }
            toTags[dialogs++] = h;
        }
    }

    private static final class Registration {
        final String callId;
        final long start;
        boolean untimed;
        boolean challenged;
        int lastCode;
        long deadline;
        /** No longer in the table (answered, evicted or expired): its entries in the queue are stale. */
        boolean removed;

        Registration(String callId, long start) {
            this.callId = callId;
            this.start = start;
        }
    }

    /** The state of one input: its calls, registrations and clock. */
    private final class InputState {
        final int input;
        final Map<String, OpenCall> calls = new HashMap<>();
        /** Calls by deadline: one entry per call, or more, the later ones stale (see {@link #touch}). */
        final DeadlineQueue<OpenCall> due = new DeadlineQueue<>();
        final Map<String, Registration> registrations = new HashMap<>();
        /** Registrations by deadline: an entry each time one is set, the earlier ones stale. */
        final DeadlineQueue<Registration> registrationsDue = new DeadlineQueue<>();
        long now = Long.MIN_VALUE;
        /** The calls an expiry judges, sorted before they are. */
        private final java.util.ArrayList<OpenCall> falling = new java.util.ArrayList<>();

        InputState(int input) {
            this.input = input;
        }

        void onEvent(SipEvent e, long clock) {
            now = Math.max(now, clock);
            expire();
            SipMessage m = e.message();
            if (m.callId() == null || m.cseqMethod() == null) {
                return;
            }
            if (m instanceof SipMessage.Response r) {
                response(e, r);
            } else if (m instanceof SipMessage.Request q) {
                request(e, q);
            }
        }

        private void request(SipEvent e, SipMessage.Request m) {
            String method = m.method();
            if (e.retransmission()) {
                return;
            }
            if (!e.timed()) {
                markUntimed(m);
            }
            switch (method) {
                case "INVITE" -> invite(e, m);
                case "CANCEL" -> {
                    OpenCall c = calls.get(m.callId());
                    if (c != null && !c.answered()) {
                        c.cancelled = true;
                        touch(c);
                    }
                }
                case "BYE" -> {
                    OpenCall c = calls.get(m.callId());
                    if (c != null && c.answered() && c.byeAt < 0) {
                        c.byeAt = e.timestampNanos();
                        c.byeCseq = (int) m.cseqNumber();
                        touch(c);
                    }
                }
                case "ACK" -> {
                    // part of the INVITE transaction (non-2xx) or of the dialog (2xx): no outcome of its own
                }
                case "REGISTER" -> register(e, m);
                default -> {
                    // a transaction of its own, counted by countTransaction
                }
            }
        }

        private void invite(SipEvent e, SipMessage m) {
            OpenCall c = calls.get(m.callId());
            if (c == null) {
                c = new OpenCall(e);
                calls.put(m.callId(), c);
                if (calls.size() > options.maxOpenCalls()) {
                    evict();
                }
                touch(c);
                return;
            }
            if (c.answered()) {
                c.reInvites++; // inside the established dialog
                touch(c);
                return;
            }
            if (m.cseqNumber() != c.inviteCseq) {
                // A new INVITE of the same call: after a challenge, with credentials, or a retry.
                c.inviteCseq = (int) m.cseqNumber();
                c.lastInvite = e.timestampNanos();
                c.invites++;
                c.pdd = -1;
                if (c.isChallenge()) {
                    c.challenged = true;
                }
                c.finalCode = 0; // the new INVITE's final response, if any, decides
                c.dialogs = 0; // and its dialogs
                touch(c);
            }
        }

        /** A message without a time: its call or registration measures no delay. */
        private void markUntimed(SipMessage m) {
            OpenCall c = calls.get(m.callId());
            if (c != null) {
                c.untimed = true;
            }
            Registration r = registrations.get(m.callId());
            if (r != null) {
                r.untimed = true;
            }
        }

        private void response(SipEvent e, SipMessage.Response m) {
            int code = m.statusCode();
            if (!e.timed()) {
                markUntimed(m);
            }
            String method = m.cseqMethod();
            switch (method) {
                case "INVITE" -> inviteResponse(e, m, code);
                case "BYE" -> {
                    OpenCall c = calls.get(m.callId());
                    if (c != null && c.byeAt >= 0 && !c.byeCompleted && code >= 200 && code < 300
                            && m.cseqNumber() == c.byeCseq && !e.retransmission()) {
                        c.byeCompleted = true;
                        if (!c.untimed) {
                            stats.sdd(e.timestampNanos() - c.byeAt);
                        }
                        touch(c);
                    }
                }
                case "REGISTER" -> registerResponse(e, m, code);
                default -> {
                    // CANCEL's own 200 says nothing of the call; the others are counted by countTransaction
                }
            }
        }

        /** Where a call's delays start: its last INVITE (the default), or its first (CallOptions). */
        private long delayOrigin(OpenCall c) {
            return options.delaysFromFirstInvite() ? c.start : c.lastInvite;
        }

        private void inviteResponse(SipEvent e, SipMessage.Response m, int code) {
            OpenCall c = calls.get(m.callId());
            if (c == null || e.retransmission()) {
                return;
            }
            if (c.answered() && m.cseqNumber() != c.inviteCseq) {
                return; // a response to a re-INVITE
            }
            if (m.cseqNumber() != c.inviteCseq) {
                return; // a late response to an earlier INVITE of this call
            }
            long t = e.timestampNanos();
            if (code > 100) {
                c.dialog(m.toTag());
            }
            if (code > 100 && c.pdd < 0) {
                c.pdd = t - delayOrigin(c);
            }
            if (code < 200) {
                touch(c);
                return;
            }
            if (c.answered() && (code < 200 || code >= 300)) {
                return; // another fork failed after one answered: the 2xx stands
            }
            if (c.isChallenge() && code != 401 && code != 407) {
                c.challenged = true;
            }
            if (code == 401 || code == 407) {
                c.challenged = true;
            }
            c.finalCode = code;
            c.finalReason = m.reasonPhrase();
            c.reasonHeader = m.reason();
            c.warning = m.warning();
            c.retryAfter = m.retryAfter();
            c.answeredBy = e.source();
            c.agent = m.server() != null ? m.server() : m.userAgent();
            if (code >= 200 && code < 300 && !c.answered()) {
                c.answeredAt = t;
                c.setupTime = t - delayOrigin(c);
            }
            touch(c);
        }

        private void register(SipEvent e, SipMessage m) {
            Registration r = registrations.get(m.callId());
            if (r == null) {
                r = new Registration(m.callId(), e.timestampNanos());
                r.untimed = !e.timed();
                registrations.put(m.callId(), r);
                if (registrations.size() > options.maxOpenCalls()) {
                    var it = registrations.entrySet().iterator();
                    Registration oldest = it.next().getValue();
                    it.remove();
                    oldest.removed = true;
                    stats.registration(oldest.lastCode, oldest.challenged, -1);
                }
            }
            r.deadline = e.timestampNanos() + options.setupTimeout().toNanos();
            registrationsDue.add(r.deadline, r);
            if (registrationsDue.needsCompacting(registrations.size())) {
                registrationsDue.clear();
                for (Registration o : registrations.values()) {
                    registrationsDue.add(o.deadline, o);
                }
            }
        }

        private void registerResponse(SipEvent e, SipMessage m, int code) {
            Registration r = registrations.get(m.callId());
            if (r == null || e.retransmission() || code < 200) {
                return;
            }
            r.lastCode = code;
            if (code == 401 || code == 407) {
                r.challenged = true; // the attempt goes on if a REGISTER with credentials follows
                return;
            }
            registrations.remove(m.callId());
            r.removed = true;
            if (r.untimed) {
                stats.registrationsUntimed++;
            }
            stats.registration(code, r.challenged, r.untimed ? -1 : e.timestampNanos() - r.start);
        }

        /** Re-computes the call's deadline after it changed. */
        private void touch(OpenCall c) {
            long d;
            boolean finished = c.byeCompleted || (c.finalCode >= 300 && !c.isChallenge());
            if (finished) {
                d = now + options.linger().toNanos();
            } else if (c.answered()) {
                d = now + options.answeredTimeout().toNanos();
            } else {
                d = now + options.setupTimeout().toNanos();
            }
            c.deadline = d;
            // One queue entry per call: a later deadline is picked up when the earlier entry falls due; only an
            // earlier one (a call that just finished) needs an entry of its own.
            if (d < c.queued) {
                c.queued = d;
                due.add(d, c);
                if (due.needsCompacting(calls.size())) {
                    compact();
                }
            }
        }

        /**
         * Drops the stale entries of the queue: a call that finished early (a BYE, a failure) left its entry for the
         * set-up time-out behind, which kept the finished call in memory until that time-out came (at 2,800 calls a
         * second, half a million calls held for three minutes). One entry per open call is left; amortised over the
         * entries added since the last time, a constant cost per message.
         */
        private void compact() {
            due.clear();
            for (OpenCall o : calls.values()) {
                o.queued = o.deadline;
                due.add(o.deadline, o);
            }
        }

        /**
         * Judges every call whose deadline has passed, in the order of their deadlines, then Call-IDs: since the clock
         * only moves on, every call judged later falls due later, so the calls are judged in that order throughout,
         * whatever else the queue held, and a tracker that saw only some of the Call-IDs judges its calls in the same
         * relative order ({@link CallShards} merges them back).
         */
        void expire() {
            while (!due.isEmpty() && due.peekDeadline() < now) {
                long deadline = due.peekDeadline();
                OpenCall c = due.poll();
                if (c.closed || deadline != c.queued) {
                    continue; // a stale entry
                }
                c.queued = Long.MAX_VALUE;
                if (c.deadline < now) {
                    falling.add(c);
                } else {
                    c.queued = c.deadline;
                    due.add(c.deadline, c);
                }
            }
            if (!falling.isEmpty()) {
                if (falling.size() > 1) {
                    falling.sort(InputState::byDeadline);
                }
                for (OpenCall c : falling) {
                    finish(c);
                }
                falling.clear();
            }
            if (!registrations.isEmpty() && registrationsDue.peekDeadline() < now) {
                // Every registration whose deadline has passed: each has an entry with its deadline, so all of them
                // come off the queue; stale entries are passed over.
                while (!registrationsDue.isEmpty() && registrationsDue.peekDeadline() < now) {
                    long deadline = registrationsDue.peekDeadline();
                    Registration r = registrationsDue.poll();
                    if (r.removed || deadline != r.deadline) {
                        continue;
                    }
                    r.removed = true;
                    registrations.remove(r.callId);
                    stats.registration(r.lastCode, r.challenged, -1);
                }
            }
        }

        private void evict() {
            while (!due.isEmpty()) {
                long deadline = due.peekDeadline();
                OpenCall c = due.poll();
                if (!c.closed && deadline == c.queued) {
                    stats.callsEvicted++;
                    finish(c, now); // judged now, not at its deadline
                    return;
                }
            }
        }

        private void finish(OpenCall c) {
            finish(c, c.deadline);
        }

        /** Judges {@code c}; {@code due} is when: its deadline, or the clock when the bound closes it early. */
        private void finish(OpenCall c, long due) {
            c.closed = true;
            calls.remove(c.callId);
            CallOutcome outcome = CallOutcome.of(c.finalCode, c.cancelled);
            long duration = c.answered() && c.byeAt >= 0 ? c.byeAt - c.answeredAt : -1;
            boolean timed = !c.untimed;
            Call call = new Call(input, c.callId, c.start, c.from, c.to, c.caller, c.callee, outcome, c.finalCode,
                    c.finalReason, Reason.q850Cause(c.reasonHeader).orElse(-1), c.reasonHeader, c.warning,
                    c.retryAfter, c.answeredBy, c.agent,
                    c.challenged, timed ? c.pdd : -1, timed ? c.setupTime : -1, timed ? duration : -1, c.invites,
                    c.reInvites, c.dialogs, timed);
            stats.addCounts(call);
            if (c.byeCompleted) {
                stats.countCompleted();
            }
            judged.call(call, due);
        }

        private static int byDeadline(OpenCall a, OpenCall b) {
            int d = Long.compare(a.deadline, b.deadline);
            return d != 0 ? d : a.callId.compareTo(b.callId);
        }

        /** The open calls judged as they stand, in the order of their deadlines, then Call-IDs. */
        void finishAll() {
            OpenCall[] open = calls.values().toArray(OpenCall[]::new);
            Arrays.sort(open, InputState::byDeadline);
            for (OpenCall c : open) {
                finish(c);
            }
            for (Registration r : registrations.values()) {
                stats.registration(r.lastCode, r.challenged, -1);
            }
            registrations.clear();
            registrationsDue.clear();
        }
    }

    private static String stripTag(String to) {
        return org.sipanalyzer.scan.NameAddr.withoutTag(to);
    }
}
