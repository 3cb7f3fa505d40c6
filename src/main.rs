fn main() -> std::process::ExitCode {
    dtao_sim::cli::main()
}
