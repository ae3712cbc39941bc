-- One row per person across both rosters, matched by the identity card hash.
create or replace table people as

with

staff_records as (

    select * from staff_records

),

age_bands as (

    select * from age_bands

),

metric_settings as (

    select * from metric_settings

),

ranked_records as (

    select
        *,
        -- A person on duty in one roster and gone from the other counts where
        -- they work now; otherwise the established record comes first.
        row_number() over (
            partition by center_id, person_id
            order by
                is_on_duty desc,
                case track when 'established' then 1 else 2 end
        ) as record_rank

    from staff_records

),

primary_records as (

    select * from ranked_records
    where record_rank = 1

),

other_records as (

    select * from ranked_records
    where record_rank = 2

),

with_age as (

    select
        primary_records.*,
        date_sub('year', primary_records.birth_date, settings.as_of_date)
            as age_years

    from primary_records
    cross join metric_settings as settings

),

final as (

    select
        with_age.center_id,
        with_age.person_id,
        with_age.track,
        with_age.staff_no,
        with_age.name,
        with_age.id_card_masked,
        with_age.gender,
        with_age.birth_date,
        with_age.age_years,
        coalesce(age_bands.band_label, 'unknown') as age_band,
        coalesce(age_bands.band_order, 99) as age_band_order,
        with_age.department,
        with_age.post_id,
        with_age.post_name,
        with_age.post_family,
        with_age.education,
        with_age.status,
        with_age.is_on_duty,
        with_age.start_date,
        with_age.leave_date,
        with_age.agency,
        with_age.contract_end_date,
        other_records.person_id is not null as is_in_both_tracks,
        other_records.track as other_track,
        other_records.staff_no as other_staff_no

    from with_age
    left join other_records
        on
            with_age.center_id = other_records.center_id
            and with_age.person_id = other_records.person_id
    left join age_bands
        on
            with_age.age_years >= age_bands.lower_years
            and (
                age_bands.upper_years is null
                or with_age.age_years < age_bands.upper_years
            )

)

select * from final
