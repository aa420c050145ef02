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
    /// Create an admin account and print a one-time link (valid 1 hour) to choose its password.
    CreateAdmin {
        /// The admin's e-mail address.
        #[arg(long)]
        email: String,
        /// The admin's name.
        #[arg(long, default_value = "Beheerder")]
        name: String,
    },
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
        Command::CreateAdmin { email, name } => {
            let db = connect_and_migrate(&cli.config).await?;
            let email = app::domain::account::parse_email(&email)
                .map_err(|_| anyhow::anyhow!("not a valid e-mail address"))?;
            let public_url = cli
                .config
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{}", cli.config.bind_addr()));
            let path = app::account::create_staff_user(
                &db,
                public_url.trim_end_matches('/'),
                app::domain::account::Role::Admin,
                &name,
                &email,
                None,
                app::i18n::Locale::nl,
            )
            .await?
            .ok_or_else(|| anyhow::anyhow!("that address already has an account"))?;
            // Printed for the operator, never logged: the link opens the account.
            #[allow(clippy::print_stdout)]
            {
                println!("Admin created. Choose the password within an hour at:");
                println!("{}{path}", public_url.trim_end_matches('/'));
            }
            Ok(())
        }
        Command::Seed => {
            let db = connect_and_migrate(&cli.config).await?;
            let report = app::seed(&db, &cli.config.catalogue).await?;
            tracing::info!(
                gemeenten = report.gemeenten,
                schemes = report.schemes,
                demo_pledges = report.demo_pledges,
                "reference and demo data loaded"
            );
            Ok(())
        }
    }
}
