//! `server` — runs the portal. Subcommands: `serve` (default), `migrate`, `seed`,
//! `create-admin`, `import` and `export` (the catalogue of schemes), `import-vacatures`.
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
    /// Import the whole catalogue of schemes from a JSON or CSV file (as exported): all of it
    /// in one transaction, or nothing, with each problem's line and field.
    Import {
        /// The file (JSON when it starts with `{`, else CSV).
        file: std::path::PathBuf,
    },
    /// Import vacancies from a schema.org JobPosting JSON-LD file (one object, a list or an
    /// @graph) or a CSV file: the good records are stored (a record imported before, by its
    /// identifier, is updated), each bad one is printed with its number and reason and skipped.
    ImportVacatures {
        /// The file (JSON-LD when it starts with `{` or `[`, else CSV).
        file: std::path::PathBuf,
    },
    /// Export the catalogue of schemes as JSON (the format of data/schemes.json) or CSV.
    Export {
        #[arg(long, value_parser = ["json", "csv"], default_value = "json")]
        format: String,
        /// Where to write it (standard output when absent).
        #[arg(long)]
        out: Option<std::path::PathBuf>,
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
        Command::Import { file } => {
            let db = connect_and_migrate(&cli.config).await?;
            let text = std::fs::read_to_string(&file)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
            match app::catalogue::import_text(&db, &text, None).await? {
                Ok(report) => {
                    tracing::info!(
                        added = report.added,
                        changed = report.changed,
                        unchanged = report.unchanged,
                        kept = report.kept,
                        "catalogue imported"
                    );
                    Ok(())
                }
                Err(problems) => {
                    #[allow(clippy::print_stderr)]
                    for p in &problems {
                        eprintln!(
                            "{}:{}: {} {}: {} {}",
                            file.display(),
                            p.line,
                            p.scheme,
                            p.field,
                            p.key,
                            p.detail
                        );
                    }
                    anyhow::bail!("nothing imported: {} problem(s)", problems.len())
                }
            }
        }
        Command::ImportVacatures { file } => {
            let db = connect_and_migrate(&cli.config).await?;
            let text = std::fs::read_to_string(&file)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
            match app::matcher::handlers::import_text(&db, &text, None).await? {
                Ok(report) => {
                    #[allow(clippy::print_stderr)]
                    for p in &report.problems {
                        eprintln!(
                            "{}: record {} skipped: {}",
                            file.display(),
                            p.record,
                            p.reason
                        );
                    }
                    tracing::info!(
                        imported = report.imported,
                        skipped = report.problems.len(),
                        "vacancies imported"
                    );
                    Ok(())
                }
                Err(reason) => anyhow::bail!("nothing imported: {reason}"),
            }
        }
        Command::Export { format, out } => {
            let db = connect_and_migrate(&cli.config).await?;
            let format = if format == "csv" {
                app::catalogue::transfer::Format::Csv
            } else {
                app::catalogue::transfer::Format::Json
            };
            let text = app::catalogue::export_text(&db, format).await?;
            match out {
                Some(path) => std::fs::write(&path, text)
                    .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?,
                #[allow(clippy::print_stdout)]
                None => print!("{text}"),
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
                demo_vacancies = report.demo_vacancies,
                "reference and demo data loaded"
            );
            Ok(())
        }
    }
}
