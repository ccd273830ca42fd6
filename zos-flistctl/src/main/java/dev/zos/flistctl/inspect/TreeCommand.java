package dev.zos.flistctl.inspect;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.core.ZosException;
import dev.zos.flist.inspect.Entries;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.meta.Inode;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tree", mixinStandardHelpOptions = true,
        description = "Print an flist's tree (or a subtree) as the tree command does.")
public final class TreeCommand extends BaseCommand {

    @Option(names = {"-m", "--meta"}, paramLabel = "FILE.fl", required = true, description = "The flist.")
    Path meta;

    @Option(names = {"-L", "--level"}, paramLabel = "N", description = "Descend at most N levels.")
    Integer level;

    @Parameters(paramLabel = "PATH", defaultValue = "/", description = "Directory to start from (default: /).")
    String path;

    private long dirs;
    private long files;

    TreeCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        if (level != null && level < 1) {
            throw ZosException.invalid("--level must be at least 1, got " + level);
        }
        PrintWriter out = out();
        try (FlistReader flist = FlistReader.open(meta)) {
            Entries.Entry top = Entries.at(flist, path);
            out.println(top.path());
            if (top.inode().isDirectory()) {
                print(flist, top.inode(), "", 1, out);
            }
        }
        out.printf("%n%,d directories, %,d files%n", dirs, files);
        out.flush();
        return 0;
    }

    private void print(FlistReader flist, Inode dir, String indent, int depth, PrintWriter out) {
        List<Inode> kids = flist.children(dir.ino()).stream().filter(k -> k.ino() != dir.ino()).toList();
        for (int i = 0; i < kids.size(); i++) {
            Inode k = kids.get(i);
            boolean last = i == kids.size() - 1;
            String name = k.linkTarget() != null ? k.name() + " -> " + k.linkTarget() : k.name();
            out.println(indent + (last ? "└── " : "├── ") + name);
            if (k.isDirectory()) {
                dirs++;
                if (level == null || depth < level) {
                    print(flist, k, indent + (last ? "    " : "│   "), depth + 1, out);
                }
            } else {
                files++;
            }
        }
    }
}
