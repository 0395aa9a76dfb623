package org.jincai.formats.fiscal.sign;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The one BouncyCastle provider instance the SM2 classes use, never added to the JVM's list. */
final class Sm2 {

    static final Provider PROVIDER = new BouncyCastleProvider();
    static final String SIGNATURE = "SM3withSM2";

    private Sm2() {
    }
}
