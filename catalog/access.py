from ikokmu.access import PROJECT, PUBLIC, Rule, register

register(
    {
        # The published catalogue, its search and "Wer hilft uns?" are open to everybody; the
        # views show drafts only to the project team (catalog.queries).
        "catalog:measure_list": Rule(PUBLIC),
        "catalog:offer_list": Rule(PUBLIC),
        "catalog:measure_detail": Rule(PUBLIC),
        "catalog:offer_detail": Rule(PUBLIC),
        "catalog:match": Rule(PUBLIC),
        # Editing, import/export and the brochure: project team.
        "catalog:measure_create": Rule(PROJECT),
        "catalog:measure_update": Rule(PROJECT),
        "catalog:offer_create": Rule(PROJECT),
        "catalog:offer_update": Rule(PROJECT),
        "catalog:provider_list": Rule(PROJECT),
        "catalog:provider_create": Rule(PROJECT),
        "catalog:provider_update": Rule(PROJECT),
        "catalog:reference_list": Rule(PROJECT),
        "catalog:reference_create": Rule(PROJECT),
        "catalog:reference_update": Rule(PROJECT),
        "catalog:brochure": Rule(PROJECT),
        "catalog:brochure_pdf": Rule(PROJECT),
        "catalog:import_export": Rule(PROJECT),
        "catalog:import": Rule(PROJECT),
        "catalog:export": Rule(PROJECT),
    }
)
