-- Same-post pay of the two tracks over the last twelve months of payroll.
with

pay_gap_by_post as (

    select * from pay_gap_by_post

),

final as (

    select
        center_id,
        post_name,
        window_start_month_date,
        window_end_month_date,
        established_person_count,
        contract_person_count,
        established_average_pay_yuan,
        contract_average_pay_yuan,
        pay_gap_yuan,
        pay_gap_ratio

    from pay_gap_by_post

)

select * from final
order by center_id, pay_gap_yuan desc nulls last, post_name
