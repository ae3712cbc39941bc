-- Average monthly gross pay of each post in each track over the payroll
-- months from $start_date to $end_date, in $department (null: all), and the
-- gap between the tracks (同工不同酬).
with

payroll as (

    select * from payroll

),

staff_numbers as (

    select * from staff_numbers

),

by_post_track as (

    select
        payroll.center_id,
        staff_numbers.post_name,
        staff_numbers.track,
        count(distinct staff_numbers.person_id) as person_count,
        avg(payroll.gross_pay_yuan) as average_monthly_pay_yuan

    from payroll
    inner join staff_numbers
        on
            payroll.center_id = staff_numbers.center_id
            and payroll.staff_no = staff_numbers.staff_no
    where
        payroll.month between $start_date and $end_date
        and staff_numbers.post_name is not null
        and ($department is null or staff_numbers.department = $department)
    group by payroll.center_id, staff_numbers.post_name, staff_numbers.track

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
        center_id,
        post_name,
        established_person_count,
        contract_person_count,
        established_average_pay_yuan,
        contract_average_pay_yuan,
        established_average_pay_yuan - contract_average_pay_yuan
            as pay_gap_yuan,
        (established_average_pay_yuan - contract_average_pay_yuan)
        / nullif(established_average_pay_yuan, 0) as pay_gap_ratio

    from by_post

)

select * from final
order by center_id, pay_gap_yuan desc nulls last, post_name
