package dev.zos.flist.store;

import java.util.Set;

/** Opens stores of one or more URL schemes; registered in {@link Stores}. */
public interface StoreFactory {

    Set<String> schemes();

    /** Opens a store; {@code url} has one of {@link #schemes()}. */
    BlockStore open(String url);
}
