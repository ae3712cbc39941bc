-- People not scored in quarter $quarter of $year, with the reason.
with

kpi_not_scored as (

    select * from kpi_not_scored

),

final as (

    select
        center_id,
        person_id,
        staff_no,
        name as person_name,
        department,
        post_name,
        post_family_code,
        months_on_duty,
        record_month_count,
        reason_code

    from kpi_not_scored
    where year = $year and quarter = $quarter

)

select * from final
order by staff_no
