package org.jincai.bank.iso;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import org.jincai.bank.file.BankFileErrors;
import org.jincai.bank.file.BankFileException;
import org.jincai.formats.Problem;
import org.jincai.formats.iso20022.IsoXsdValidator;

/**
 * The last step before an ISO 20022 document the hub or a simulated bank made is handed out: the official
 * XSD. A document it refuses is a {@link BankFileException} ({@value IsoBankErrors#ISO_OUTPUT_INVALID})
 * located at its first problem.
 *
 * <p>Small documents held in memory are checked whole ({@link #requireValid}). A file of any size is
 * checked as it is written ({@link #validating}): the bytes go to their destination and, through a pipe,
 * to the validator on a second thread, so nothing is held whole; the destination is a staging file that
 * the caller discards when {@link Validated#finish()} refuses it, so nobody ever receives an invalid file.
 */
public final class IsoOutput {

    private static final IsoXsdValidator VALIDATOR = new IsoXsdValidator();
    private static final int PIPE = 1 << 16;

    private IsoOutput() {
    }

    /**
     * {@code xml} once it passes the XSD of {@code messageNameId}.
     *
     * @param what     the document in the message, e.g. {@code pain.001.001.09 for bank DEMO-ISO}
     * @param location where the problems are located, e.g. the file name
     * @throws BankFileException ISO_OUTPUT_INVALID
     */
    public static byte[] requireValid(byte[] xml, String messageNameId, String what, String location) throws BankFileException {
        refuseIfInvalid(VALIDATOR.validate(xml, messageNameId, location), what);
        return xml;
    }

    /**
     * An output stream that writes through to {@code out} and validates what passes against the XSD of
     * {@code messageNameId} at the same time; {@link Validated#finish()} says whether it was valid.
     */
    public static Validated validating(OutputStream out, String messageNameId, String what, String location) {
        return new Validated(out, messageNameId, what, location);
    }

    private static void refuseIfInvalid(List<Problem> problems, String what) throws BankFileException {
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            throw new BankFileException(IsoBankErrors.ISO_OUTPUT_INVALID, problems.size() + " schema problem(s) in the "
                    + what + "; first: " + first.message(), first.location());
        }
    }

    /**
     * The bytes of one document on their way out, validated as they pass. Not thread-safe: one writer. Close
     * it (after {@link #finish()}, or instead of it when the writer failed) so its validator thread ends.
     */
    public static final class Validated extends OutputStream {
        private final OutputStream out;
        private final String what;
        private final String location;
        private final PipedOutputStream pipe;
        private final Thread validator;
        private volatile List<Problem> problems;
        private volatile RuntimeException failure;
        /** False once the validator stopped reading (it found the document broken and said so). */
        private boolean teeing = true;
        private boolean ended;

        private Validated(OutputStream out, String messageNameId, String what, String location) {
            this.out = out;
            this.what = what;
            this.location = location;
            PipedInputStream in = new PipedInputStream(PIPE);
            try {
                this.pipe = new PipedOutputStream(in);
            } catch (IOException e) {
                throw new IllegalStateException("a new pipe cannot be connected", e);
            }
            this.validator = new Thread(() -> {
                try (in) {
                    problems = VALIDATOR.validate(in, messageNameId, location);
                    // whatever follows the document is read to the end, so the writer never waits on a full pipe
                    in.transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    failure = new IllegalStateException("the validator's pipe failed", e);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }, "iso-output-xsd");
            validator.setDaemon(true);
            validator.start();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            if (teeing) {
                try {
                    pipe.write(b, off, len);
                } catch (IOException validatorGone) {
                    teeing = false;
                }
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        /**
         * Ends the document and waits for the validator's verdict; flushes {@code out}.
         *
         * @throws BankFileException ISO_OUTPUT_INVALID (what was written must be discarded) or IO_ERROR
         */
        public void finish() throws BankFileException {
            try {
                out.flush();
            } catch (IOException e) {
                throw new BankFileException(Problem.of(BankFileErrors.IO_ERROR, String.valueOf(e.getMessage()), location), e);
            }
            end();
            if (failure != null) {
                throw new BankFileException(Problem.of(IsoBankErrors.ISO_OUTPUT_INVALID, "the " + what
                        + " could not be validated: " + failure.getMessage(), location), failure);
            }
            List<Problem> found = problems;
            if (found == null) {
                throw new BankFileException(IsoBankErrors.ISO_OUTPUT_INVALID, "the " + what + " could not be validated",
                        location);
            }
            refuseIfInvalid(found, what);
        }

        /** Ends the validator (the document is complete, or abandoned); does not close {@code out}. */
        @Override
        public void close() {
            end();
        }

        private void end() {
            if (ended) {
                return;
            }
            ended = true;
            try {
                pipe.close();
            } catch (IOException ignored) {
                // the validator is gone already
            }
            try {
                validator.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while the " + what + " was being validated", e);
            }
        }
    }
}
