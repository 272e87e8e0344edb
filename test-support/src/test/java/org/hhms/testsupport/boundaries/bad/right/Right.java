package org.hhms.testsupport.boundaries.bad.right;

import org.hhms.testsupport.boundaries.bad.left.Left;

public class Right {

    public Left left() {
        return new Left();
    }
}
