# fish completion for zos-node, generated from its command model
complete -c zos-node -f
complete -c zos-node -n '__fish_use_subcommand' -l verbose -d 'Show details of failures, including stack traces.'
complete -c zos-node -n '__fish_use_subcommand' -s h -l help -d 'Show this help message and exit.'
complete -c zos-node -n '__fish_use_subcommand' -s V -l version -d 'Print version information and exit.'
complete -c zos-node -n '__fish_use_subcommand' -a boot -d 'Run as PID 1 inside a Zero-OS image: verify the signed manifest of every file,'
complete -c zos-node -n '__fish_seen_subcommand_from boot' -l root -r -d 'Root of the image to check (default: /).'
complete -c zos-node -n '__fish_seen_subcommand_from boot' -l cmdline -r -d 'Kernel command line file (default: /proc/cmdline).'
complete -c zos-node -n '__fish_seen_subcommand_from boot' -l once -d 'Return after the banner instead of staying up (for tests).'
complete -c zos-node -n '__fish_seen_subcommand_from boot' -l refuse-delay -r -d 'Wait before giving up on a broken image (default: 10).'
complete -c zos-node -n '__fish_seen_subcommand_from boot' -s h -l help -d 'Show this help message and exit.'
complete -c zos-node -n '__fish_seen_subcommand_from boot' -s V -l version -d 'Print version information and exit.'
complete -c zos-node -n '__fish_seen_subcommand_from boot' -l verbose -d 'Show details of failures, including stack traces.'
