package dev.zos.node.workload.zmachine;

import dev.zos.core.ZosException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an entrypoint string into program arguments the way a POSIX shell splits words, without expanding
 * anything: blanks separate words, single quotes keep everything literally, double quotes keep everything but
 * {@code \"} and {@code \\}, a backslash outside quotes escapes the next character.
 */
final class ShellWords {

    private ShellWords() {
    }

    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case ' ', '\t', '\n' -> {
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                }
                case '\'' -> {
                    int end = text.indexOf('\'', i + 1);
                    if (end < 0) {
                        throw ZosException.invalid("entrypoint: unterminated single quote at character " + (i + 1));
                    }
                    word.append(text, i + 1, end);
                    i = end;
                    inWord = true;
                }
                case '"' -> {
                    int j = i + 1;
                    for (; j < text.length() && text.charAt(j) != '"'; j++) {
                        char d = text.charAt(j);
                        if (d == '\\' && j + 1 < text.length() && "\"\\$`".indexOf(text.charAt(j + 1)) >= 0) {
                            d = text.charAt(++j);
                        }
                        word.append(d);
                    }
                    if (j >= text.length()) {
                        throw ZosException.invalid("entrypoint: unterminated double quote at character " + (i + 1));
                    }
                    i = j;
                    inWord = true;
                }
                case '\\' -> {
                    if (i + 1 >= text.length()) {
                        throw ZosException.invalid("entrypoint: ends with a lone backslash");
                    }
                    word.append(text.charAt(++i));
                    inWord = true;
                }
                default -> {
                    word.append(c);
                    inWord = true;
                }
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
