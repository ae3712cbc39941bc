-- Every quarter with scores, latest first, with how many were scored.
with

kpi_scores as (

    select * from kpi_scores

),

final as (

    select
        center_id,
        year,
        quarter,
        any_value(quarter_index) as quarter_index,
        count(*) as scored_count

    from kpi_scores
    group by center_id, year, quarter

)

select * from final
order by quarter_index desc
