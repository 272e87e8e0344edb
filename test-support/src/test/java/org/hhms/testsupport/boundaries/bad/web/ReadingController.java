package org.hhms.testsupport.boundaries.bad.web;

import org.hhms.testsupport.boundaries.bad.domain.ReadingStore;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ReadingController {

    public static final int LIMIT = 10;

    public int count(ReadingStore store) {
        return store.count();
    }
}
