//! `server` — runs the portal. Subcommands: `serve` (default), `migrate`, `seed`.
use clap::{Parser, Subcommand};
use server::{config::Config, connect_and_migrate, telemetry, Application};

#[derive(Debug, Parser)]
#[command(
    name = "server",
    about = "Huis van Werk — the learning and work portal of Regio Zwolle"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    config: Config,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the portal (the default).
    Serve,
    /// Create the database if needed and apply the migrations.
    Migrate,
    /// Apply the migrations, then load the reference and demo data from data/.
    Seed,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    telemetry::init(&cli.config);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(&cli.config).await?;
            tracing::info!(addr = %app.local_addr(), "serving Huis van Werk on http://{}", app.local_addr());
            app.run_until_stopped().await
        }
        Command::Migrate => {
            let db = connect_and_migrate(&cli.config).await?;
            tracing::info!(backend = db.backend().as_str(), "migrations applied");
            Ok(())
        }
        Command::Seed => {
            let db = connect_and_migrate(&cli.config).await?;
            let report = app::server::seed::seed(&db).await?;
            tracing::info!(gemeenten = report.gemeenten, "demo data loaded");
            Ok(())
        }
    }
}
