package org.hhms.testsupport.boundaries.bad.left;

import org.hhms.testsupport.boundaries.bad.right.Right;

/** Wrong on purpose: left and right use each other. */
public class Left {

    public Right right() {
        return new Right();
    }
}
