//! The server around the app: probes, security headers, compression.
use integration_tests::{backend_tests, spawn_app, spawn_app_with, Backend};

async fn health_and_readiness_probes_answer(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    assert_eq!(app.get_text("/healthz").await, (200, "ok".to_string()));
    assert_eq!(app.get_text("/readyz").await, (200, "ready".to_string()));
}

async fn every_response_carries_the_security_headers(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    for path in ["/", "/healthz", "/bestaat-niet"] {
        let response = app.get(path).await;
        let headers = response.headers();
        let csp = headers
            .get("content-security-policy")
            .expect("CSP")
            .to_str()
            .unwrap();
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("'wasm-unsafe-eval'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("object-src 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(headers.get("x-content-type-options").unwrap(), "nosniff");
        assert_eq!(
            headers.get("referrer-policy").unwrap(),
            "strict-origin-when-cross-origin"
        );
        assert!(
            headers.get("strict-transport-security").is_none(),
            "no HSTS without TLS"
        );
    }
}

async fn inline_scripts_carry_the_nonce_of_the_policy(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    // The nonce of a response's policy, and its body.
    async fn nonce_and_body(response: reqwest::Response) -> (String, String) {
        let csp = response
            .headers()
            .get("content-security-policy")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("a nonce in script-src")
            .to_owned();
        (nonce, response.text().await.unwrap())
    }
    let (nonce, front_door) = nonce_and_body(app.get("/").await).await;
    assert!(nonce.len() >= 22, "128-bit nonce");
    let calculator = nonce_and_body(app.get("/scholingscalculator").await).await;
    // No resource hints in the markup: a browser without JavaScript would fetch them. A script
    // writes them (server::hydration), on a page with islands only: the front door has none.
    for page in [&front_door, &calculator.1] {
        assert!(
            !page.contains("rel=\"preload\""),
            "a preload link in the markup"
        );
        assert!(
            !page.contains("rel=\"modulepreload\""),
            "a modulepreload link in the markup"
        );
    }
    assert!(
        calculator.1.contains("document.head.append(l)"),
        "the hints script"
    );
    assert!(
        !front_door.contains("document.head.append(l)"),
        "no hints on a page without islands"
    );
    let mut scripts = 0;
    for (nonce, body) in [(nonce.clone(), front_door), calculator] {
        for (i, _) in body.match_indices("<script") {
            let script = &body[i..];
            let end = script.find('>').unwrap();
            let tag = &script[..end];
            let content = &script[end + 1..script.find("</script>").unwrap()];
            // An element with code in it must carry the nonce; an empty one runs nothing.
            if !tag.contains(" src=") && !content.trim().is_empty() {
                scripts += 1;
                assert!(
                    tag.contains(&format!("nonce=\"{nonce}\"")),
                    "inline script without nonce: {tag}"
                );
            }
        }
    }
    assert!(scripts >= 3, "the hydration scripts");
    // A new response, a new nonce.
    let second = app.get("/").await;
    let csp2 = second
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(!csp2.contains(&nonce));
}

async fn hsts_when_behind_tls(backend: Backend) {
    let Some(app) = spawn_app_with(backend, |c| c.behind_tls = true).await else {
        return;
    };
    let response = app.get("/?lang=en").await;
    let hsts = response
        .headers()
        .get("strict-transport-security")
        .expect("HSTS")
        .to_str()
        .unwrap();
    assert!(hsts.contains("max-age="));
    let cookie = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(cookie.contains("Secure"), "{cookie}");
}

async fn html_is_compressed_when_the_client_accepts_it(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    for (accept, expected) in [("br", "br"), ("gzip", "gzip")] {
        let response = app
            .client
            .get(app.url("/"))
            .header("accept-encoding", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(
            response.headers().get("content-encoding").unwrap(),
            expected
        );
    }
    let plain = app.get("/").await;
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(
        plain.headers().get("cache-control").unwrap(),
        "no-cache, private"
    );
}

backend_tests!(
    health_and_readiness_probes_answer,
    every_response_carries_the_security_headers,
    inline_scripts_carry_the_nonce_of_the_policy,
    hsts_when_behind_tls,
    html_is_compressed_when_the_client_accepts_it,
);
