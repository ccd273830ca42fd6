package dev.zos.farmer.bot;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.GridOption;
import dev.zos.cli.kit.GroupCommand;
import dev.zos.farmer.farm.FarmOwner;
import dev.zos.farmer.power.PowerSwitch;
import dev.zos.farmer.power.WakeOnLanOptions;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bot", mixinStandardHelpOptions = true,
        description = "The farm's power manager: keeps used nodes on, wakes nodes as capacity fills, powers idle surplus nodes off.",
        subcommands = BotCommand.Run.class)
public final class BotCommand extends GroupCommand {

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run the power bot for one farm (config: see 'docs/farmer-guide.md', section Power management).",
                    "Every decision is logged with its reason. Power changes go to the registry as the farm's power targets."})
    static final class Run extends BaseCommand {
        @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true, description = "bot.yaml")
        Path config;

        @Option(names = "--dry-run", description = "Log what it would do; change nothing.")
        boolean dryRun;

        @Option(names = "--once", description = "Run one round and exit (for cron or a systemd timer).")
        boolean once;

        @Mixin
        WakeOnLanOptions wakeOnLan;

        @Mixin
        GridOption grid;

        Run(CliContext context) {
            super(context);
        }

        @Override
        protected int run() throws InterruptedException {
            BotConfig settings = BotConfig.load(config);
            var wol = wakeOnLan.sender();
            var session = grid.open(context);
            FarmOwner.require(session, settings.farm());
            var bot = new PowerBot(settings, session, new PowerSwitch(session, wol), BotMemory.file(context.dataDir(), settings.farm()), Clock.systemUTC(),
                    dryRun, out());
            do {
                bot.round();
                if (!once) {
                    Thread.sleep(settings.interval().toMillis());
                }
            } while (!once);
            return 0;
        }
    }
}
