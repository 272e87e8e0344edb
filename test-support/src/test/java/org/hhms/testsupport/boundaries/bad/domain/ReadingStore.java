package org.hhms.testsupport.boundaries.bad.domain;

import org.hhms.testsupport.boundaries.bad.web.ReadingController;

/** Wrong on purpose: the domain reads a constant of a controller. */
public class ReadingStore {

    public int count() {
        return Math.min(3, limit(new ReadingController()));
    }

    private static int limit(ReadingController controller) {
        return controller.hashCode() > 0 ? ReadingController.LIMIT : 0;
    }
}
