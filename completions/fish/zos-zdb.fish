# fish completion for zos-zdb, generated from its command model
complete -c zos-zdb -f
complete -c zos-zdb -n '__fish_use_subcommand' -l verbose -d 'Show details of failures, including stack traces.'
complete -c zos-zdb -n '__fish_use_subcommand' -s h -l help -d 'Show this help message and exit.'
complete -c zos-zdb -n '__fish_use_subcommand' -s V -l version -d 'Print version information and exit.'
complete -c zos-zdb -n '__fish_use_subcommand' -a serve -d 'Serve namespaces from a data directory until stopped (SIGTERM or Ctrl-C).'
complete -c zos-zdb -n '__fish_seen_subcommand_from serve' -l listen -r -d 'Address to listen on (default: 127.0.0.1:9900; 0-db\'s port is 9900).'
complete -c zos-zdb -n '__fish_seen_subcommand_from serve' -l data-dir -r -d 'Directory holding one sub-directory per namespace (created if missing).'
complete -c zos-zdb -n '__fish_seen_subcommand_from serve' -l admin-password-file -r -d 'File whose first line is the admin password (AUTH). Without it every client is admin, as with 0-db.'
complete -c zos-zdb -n '__fish_seen_subcommand_from serve' -l sync -d 'fsync every write (survives power loss, slower).'
complete -c zos-zdb -n '__fish_seen_subcommand_from serve' -s h -l help -d 'Show this help message and exit.'
complete -c zos-zdb -n '__fish_seen_subcommand_from serve' -s V -l version -d 'Print version information and exit.'
complete -c zos-zdb -n '__fish_seen_subcommand_from serve' -l verbose -d 'Show details of failures, including stack traces.'
