-- The scorecard in a provider's feedback folder (data/feedback/<KBO number>-scorekaart.csv): one row per figure,
-- the provider's beside all providers of its type, read from the published scorecard tables
-- (marts.provider_scorecard, marts.provider_compliance, dq.provider_issue_counts), so hidden cells stay hidden.
-- part orders the sections: 1 offer and awards per year; 2 standard elements per year; 3 data quality.
WITH figures AS (
    SELECT provider_id, 1 AS part, year, f.position, f.item, f.unit, f.value, f.type_value, f.hidden, f.type_hidden
    FROM marts.provider_scorecard,
         unnest([
             {'position': 1, 'item': 'Actief aanbod', 'unit': 'count', 'value': offers_active,
              'type_value': type_offers_active, 'hidden': false, 'type_hidden': false},
             {'position': 3, 'item': 'Volledig transparant aanbod (alle negen standaardelementen)', 'unit': 'percent',
              'value': share_complete, 'type_value': type_share_complete, 'hidden': false, 'type_hidden': false},
             {'position': 4, 'item': 'Uitreikingen', 'unit': 'count', 'value': awards, 'type_value': type_awards,
              'hidden': awards_suppressed, 'type_hidden': type_awards_suppressed}
         ]) AS t(f)
    UNION ALL
    SELECT c.provider_id, 2, c.year, e.element_no::INTEGER, 'Standaardelement ' || e.element_no || ': ' || e.name_nl,
           'percent', c.share, c.type_share, false, false
    FROM marts.provider_compliance c
    JOIN ref.standard_elements e USING (element_no)
    UNION ALL
    SELECT i.provider_id, 3, NULL, row_number() OVER (PARTITION BY i.provider_id ORDER BY i.source, i.kind DESC, i.count DESC, i.reason, i.field),
           concat_ws(' · ', s.label_nl,
                     CASE i.kind WHEN 'quarantined_row' THEN 'rij in quarantaine' ELSE 'veldprobleem' END,
                     r.label_nl, 'veld ' || i.field),
           'count', i.count, i.type_count, false, false
    FROM dq.provider_issue_counts i
    JOIN ref.codes s ON s.list = 'source' AND s.code = i.source
    JOIN ref.codes r ON r.list = 'reason_code' AND r.code = i.reason
)
SELECT provider_id, part, year, item, unit, value, type_value, hidden, type_hidden
FROM figures
ORDER BY provider_id, part, year, position
