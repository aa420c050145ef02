//! E-mail leaves through the outbox: by SMTP when configured (to a real SMTP conversation with
//! a small sink server here), and stays in the outbox otherwise.
use std::sync::{Arc, Mutex};

use integration_tests::{backend_tests, spawn_app, spawn_app_with, Backend};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A minimal SMTP server that accepts every message and keeps what it received.
async fn smtp_sink() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                let mut in_data = false;
                let mut message = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            store.lock().unwrap().push(std::mem::take(&mut message));
                            write.write_all(b"250 OK queued\r\n").await.unwrap();
                        } else {
                            message.push_str(&line);
                            message.push('\n');
                        }
                        continue;
                    }
                    let command = line.to_ascii_uppercase();
                    let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO")
                    {
                        b"250-sink\r\n250 8BITMIME\r\n"
                    } else if command.starts_with("DATA") {
                        in_data = true;
                        b"354 go ahead\r\n"
                    } else if command.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        return;
                    } else {
                        b"250 OK\r\n"
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, received)
}

async fn e_mail_is_sent_by_smtp_when_configured(backend: Backend) {
    let (port, received) = smtp_sink().await;
    let Some(app) = spawn_app_with(backend, |c| {
        c.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
        c.mail_from = "Huis van Werk <noreply@regio.test>".into();
    })
    .await
    else {
        return;
    };
    integration_tests::register_confirmed(&app, "anna@korf.nl", "50000001").await;
    // The sender runs every two seconds.
    for _ in 0..50 {
        if app
            .count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL")
            .await
            >= 1
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL")
            .await,
        1
    );
    let messages = received.lock().unwrap().clone();
    assert_eq!(messages.len(), 1);
    assert!(messages[0].contains("To: anna@korf.nl"), "{}", messages[0]);
    assert!(
        messages[0].contains("From: \"Huis van Werk\" <noreply@regio.test>")
            || messages[0].contains("From: Huis van Werk <noreply@regio.test>"),
        "{}",
        messages[0]
    );
    assert!(
        messages[0].contains("/bevestigen?token="),
        "the link is in the message"
    );
}

async fn without_smtp_e_mail_stays_in_the_outbox(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    integration_tests::register_confirmed(&app, "anna@korf.nl", "50000002").await;
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL")
            .await,
        0
    );
}

/// A person who uses the site in English gets English e-mail; Dutch is the default.
async fn e_mail_is_in_the_language_of_the_person(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    for (lang, email, kvk, subject, hint) in [
        (
            "en",
            "anna@korf.co.uk",
            "50000003",
            "Confirm your e-mail address for Huis van Werk",
            "valid for 48 hours",
        ),
        (
            "nl",
            "piet@korf.nl",
            "50000004",
            "Bevestig uw e-mailadres voor Huis van Werk",
            "48 uur geldig",
        ),
    ] {
        let browser = app.browser();
        let response = browser
            .post_from(
                &format!("/registreren?lang={lang}"),
                "/registreren",
                &integration_tests::sign_up_fields(email, kvk),
            )
            .await;
        assert_eq!(response.status(), 303, "{lang}");
        let (sent_subject, body) = app.last_email_to(email).await.expect("an e-mail");
        assert_eq!(sent_subject, subject);
        assert!(body.contains(hint), "{lang}: {body}");
        assert!(body.contains("/bevestigen?token="), "{lang}: the link");
    }
}

backend_tests!(
    e_mail_is_sent_by_smtp_when_configured,
    without_smtp_e_mail_stays_in_the_outbox,
    e_mail_is_in_the_language_of_the_person
);
