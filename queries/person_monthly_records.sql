-- The monthly records (月纪实) of person $person_id (null: everyone) in
-- quarter $quarter of $year, under every staff number the person has.
with

monthly_records as (

    select * from monthly_records

),

staff_numbers as (

    select * from staff_numbers

),

final as (

    select
        monthly_records.center_id,
        staff_numbers.person_id,
        monthly_records.staff_no,
        monthly_records.month as month_date,
        monthly_records.morality_score,
        monthly_records.competence_score,
        monthly_records.diligence_score,
        monthly_records.achievement_score,
        monthly_records.integrity_score,
        monthly_records.remark

    from monthly_records
    inner join staff_numbers
        on
            monthly_records.center_id = staff_numbers.center_id
            and monthly_records.staff_no = staff_numbers.staff_no
    where
        ($person_id is null or staff_numbers.person_id = $person_id)
        and year(monthly_records.month) = $year
        and quarter(monthly_records.month) = $quarter

)

select * from final
order by month_date, staff_no
