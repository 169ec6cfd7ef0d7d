"""`make test-load`: two gunicorn instances behind a round-robin proxy, 200 simulated
respondents and 10 staff, then the same with a database outage and a killed instance; checks
that no acknowledged answer is lost and none is stored twice. See README "Lasttest"."""
