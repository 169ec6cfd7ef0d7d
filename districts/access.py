from ikokmu.access import PROJECT_AND_DISTRICTS, Rule, register

register(
    {
        "districts:detail": Rule(PROJECT_AND_DISTRICTS, district_scoped=True),
    }
)
