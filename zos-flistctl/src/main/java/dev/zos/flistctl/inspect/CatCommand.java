package dev.zos.flistctl.inspect;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.core.ZosException;
import dev.zos.flist.block.StoreBlockReader;
import dev.zos.flist.inspect.FileContent;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.store.BlockStore;
import dev.zos.flistctl.FlistStores;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cat", mixinStandardHelpOptions = true,
        description = {"Write a file of an flist to standard output, fetching and verifying it block by block.",
            "A block that fails verification stops the output with an error naming the file and the block:"
                + " no unverified byte is written."})
public final class CatCommand extends BaseCommand {

    @Option(names = {"-m", "--meta"}, paramLabel = "FILE.fl", required = true, description = "The flist.")
    Path meta;

    @Option(names = {"-s", "--store"}, paramLabel = "[xx-xx=]URL",
            description = "Read blocks from this store instead of the flist's routes. Repeatable.")
    List<String> stores = new ArrayList<>();

    @Parameters(paramLabel = "PATH", description = "Regular file in the flist.")
    String path;

    CatCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() throws IOException {
        // file content is bytes, not text: it goes to the process's standard output stream, not the text writer
        out().flush();
        PrintStream stdout = System.out;
        try (FlistReader flist = FlistReader.open(meta);
             BlockStore store = FlistStores.forReading(flist, stores);
             FileContent content = FileContent.open(flist, new StoreBlockReader(store), path)) {
            copy(content, stdout);
        }
        if (stdout.checkError()) {
            throw ZosException.unavailable("cannot write " + path + " to standard output", null);
        }
        return 0;
    }

    private static void copy(FileContent content, OutputStream to) throws IOException {
        content.transferTo(to);
        to.flush();
    }
}
