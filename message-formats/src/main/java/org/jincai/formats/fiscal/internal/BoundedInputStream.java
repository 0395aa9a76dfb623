package org.jincai.formats.fiscal.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Stops reading past a byte limit, so an oversized envelope is refused while it streams in rather than
 * after it has filled the heap. The parser wraps whatever this throws, so callers ask {@link #exceeded()}.
 */
public final class BoundedInputStream extends FilterInputStream {

    private final long limit;
    private long count;
    private boolean exceeded;

    public BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    public boolean exceeded() {
        return exceeded;
    }

    public long limit() {
        return limit;
    }

    /** Marking would let a reset re-count bytes; parsers do not need it. */
    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long n) throws IOException {
        count += n;
        if (count > limit) {
            exceeded = true;
            throw new IOException("input exceeds " + limit + " bytes");
        }
    }
}
