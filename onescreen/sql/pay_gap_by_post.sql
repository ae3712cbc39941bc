-- Average monthly gross pay of each post in each roster over the last twelve
-- months of payroll, and the gap between the two rosters (同工不同酬).
create or replace table pay_gap_by_post as

with

payroll as (

    select * from payroll

),

staff_numbers as (

    select * from staff_numbers

),

metric_settings as (

    select * from metric_settings

),

pay_months as (

    select
        payroll.center_id,
        payroll.month as month_date,
        payroll.gross_pay_yuan,
        staff_numbers.person_id,
        staff_numbers.track,
        staff_numbers.post_name

    from payroll
    cross join metric_settings as settings
    inner join staff_numbers
        on
            payroll.center_id = staff_numbers.center_id
            and payroll.staff_no = staff_numbers.staff_no
    where payroll.month <= settings.as_of_date

),

windows as (

    select
        center_id,
        cast(max(month_date) - interval 11 month as date)
            as window_start_month_date,
        max(month_date) as window_end_month_date

    from pay_months
    group by center_id

),

by_post_track as (

    select
        pay_months.center_id,
        pay_months.post_name,
        pay_months.track,
        count(distinct pay_months.person_id) as person_count,
        avg(pay_months.gross_pay_yuan) as average_monthly_pay_yuan

    from pay_months
    inner join windows
        on
            pay_months.center_id = windows.center_id
            and pay_months.month_date >= windows.window_start_month_date
    group by pay_months.center_id, pay_months.post_name, pay_months.track

),

by_post as (

    select
        center_id,
        post_name,
        coalesce(max(person_count) filter (where track = 'established'), 0)
            as established_person_count,
        coalesce(max(person_count) filter (where track = 'contract'), 0)
            as contract_person_count,
        max(average_monthly_pay_yuan) filter (where track = 'established')
            as established_average_pay_yuan,
        max(average_monthly_pay_yuan) filter (where track = 'contract')
            as contract_average_pay_yuan

    from by_post_track
    group by center_id, post_name

),

final as (

    select
        by_post.center_id,
        by_post.post_name,
        windows.window_start_month_date,
        windows.window_end_month_date,
        by_post.established_person_count,
        by_post.contract_person_count,
        by_post.established_average_pay_yuan,
        by_post.contract_average_pay_yuan,
        by_post.established_average_pay_yuan
        - by_post.contract_average_pay_yuan as pay_gap_yuan,
        (
            by_post.established_average_pay_yuan
            - by_post.contract_average_pay_yuan
        )
        / nullif(by_post.established_average_pay_yuan, 0) as pay_gap_ratio

    from by_post
    inner join windows
        on by_post.center_id = windows.center_id

)

select * from final
