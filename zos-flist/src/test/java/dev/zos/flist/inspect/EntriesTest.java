package dev.zos.flist.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntriesTest {

    @Test
    void modesReadAsLsPrintsThem() {
        assertThat(Entries.modeString(0100644)).isEqualTo("-rw-r--r--");
        assertThat(Entries.modeString(0104755)).isEqualTo("-rwsr-xr-x");
        assertThat(Entries.modeString(0102644)).isEqualTo("-rw-r-Sr--");
        assertThat(Entries.modeString(041777)).isEqualTo("drwxrwxrwt");
        assertThat(Entries.modeString(041776)).isEqualTo("drwxrwxrwT");
        assertThat(Entries.modeString(0120777)).isEqualTo("lrwxrwxrwx");
        assertThat(Entries.modeString(020666)).isEqualTo("crw-rw-rw-");
        assertThat(Entries.modeString(060660)).isEqualTo("brw-rw----");
        assertThat(Entries.modeString(010644)).isEqualTo("prw-r--r--");
    }

    @Test
    void pathsAreNormalised() {
        assertThat(Entries.normalize("")).isEqualTo("/");
        assertThat(Entries.normalize("/")).isEqualTo("/");
        assertThat(Entries.normalize("a/b/")).isEqualTo("/a/b");
        assertThat(Entries.normalize("//a/./b")).isEqualTo("/a/b");
    }
}
